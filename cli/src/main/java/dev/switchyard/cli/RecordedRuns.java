package dev.switchyard.cli;

import dev.switchyard.contracts.event.GlueJobEvent;
import dev.switchyard.reactor.ports.GlueRun;
import dev.switchyard.reactor.ports.GlueRuns;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Glue as a recording knows it, for a replay: what the recorded events say of each run (its start, from
 * any Run Status event; its end, from its final event), whatever order they come in. A replay reads the
 * file once to build this, so that a run's final event delivered before its Run Status events still finds
 * the run's start, as {@code GetJobRun} would on AWS. Glue's timings and arguments are not in events.
 */
final class RecordedRuns implements GlueRuns {
    private final Map<String, GlueRun> runs = new HashMap<>();

    /** Notes one event of a run. */
    void add(GlueJobEvent event) {
        runs.merge(key(event.jobName(), event.jobRunId()), run(event), RecordedRuns::merge);
    }

    private static GlueRun run(GlueJobEvent e) {
        boolean last = e.state().isTerminal();
        return new GlueRun(
                e.jobName(),
                e.jobRunId(),
                e.state(),
                e.startedOn(),
                last ? e.time() : null,
                null,
                null,
                null,
                null,
                null,
                null,
                Map.of());
    }

    private static GlueRun merge(GlueRun a, GlueRun b) {
        GlueRun last = b.state().isTerminal() && !a.state().isTerminal() ? b : a;
        return new GlueRun(
                a.jobName(),
                a.jobRunId(),
                last.state(),
                earliest(a.startedOn(), b.startedOn()),
                last.completedOn(),
                null,
                null,
                null,
                null,
                null,
                null,
                Map.of());
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    @Override
    public Optional<GlueRun> jobRun(String jobName, String jobRunId) {
        return Optional.ofNullable(runs.get(key(jobName, jobRunId)));
    }

    @Override
    public List<GlueRun> jobRuns(String jobName, int max) {
        return runs.values().stream()
                .filter(r -> r.jobName().equals(jobName) && r.startedOn() != null)
                .sorted(Comparator.comparing(GlueRun::startedOn).reversed())
                .limit(max)
                .toList();
    }

    private static String key(String jobName, String jobRunId) {
        return jobName + '\0' + jobRunId;
    }
}
