package dev.switchyard.reactor.anomaly;

import dev.switchyard.contracts.metric.JobRunMetric;
import dev.switchyard.contracts.table.JobRunState;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The runs of a set of JobRunMetric values, as anomaly detection reads them: de-duplicated by {@code MetricId}
 * (metrics are delivered at least once), grouped by job and ordered by when each run started, whatever order
 * the metrics came in.
 *
 * <p>A run is ordered by its {@code StartedOn}; without it by {@code CompletedOn} less its duration, or its
 * {@code CompletedOn}, or when its metric was emitted; ties by run id, then MetricId, so the order is total.
 * Of two metrics with one MetricId the earlier emitted is kept (they describe the same run and final state).
 */
public final class Durations {
    /**
     * The run-id prefix of the failed runs of 0 s the orchestrator records for jobs it could not start ({@link
     * dev.switchyard.reactor.react.PlanStep#notStartedRunId}).
     */
    public static final String NOT_STARTED = "not-started-";

    private static final Comparator<Run> ORDER = Comparator.comparing(Run::order)
            .thenComparing(r -> r.metric().jobRunId())
            .thenComparing(r -> r.metric().metricId());

    private final Map<String, List<Run>> byJob;
    private final Set<String> runKeys;
    private final int metrics;
    private final int duplicates;
    private final int withoutDuration;

    /**
     * One run of a job.
     *
     * @param seconds its duration, or null when neither its metric nor its start and end tell
     * @param weekday the weekday of its run date (else of its start) for seasonal baselines
     */
    record Run(JobRunMetric metric, Instant order, Long seconds, DayOfWeek weekday) {
        boolean started() {
            return !metric.jobRunId().startsWith(NOT_STARTED);
        }

        /** Whether the run may stand in a baseline: it ran, succeeded and has a duration. */
        boolean usual() {
            return started() && metric.state() == JobRunState.SUCCEEDED && seconds != null;
        }
    }

    private Durations(Map<String, List<Run>> byJob, int metrics, int duplicates, int withoutDuration) {
        this.byJob = byJob;
        this.metrics = metrics;
        this.duplicates = duplicates;
        this.withoutDuration = withoutDuration;
        this.runKeys = new HashSet<>();
        byJob.values()
                .forEach(runs -> runs.forEach(
                        r -> runKeys.add(key(r.metric().jobName(), r.metric().jobRunId()))));
    }

    /** The runs of these metrics, in any order and with any duplicates. */
    public static Durations of(Collection<JobRunMetric> metrics) {
        Map<String, JobRunMetric> distinct = new HashMap<>();
        for (JobRunMetric m : metrics) {
            distinct.merge(m.metricId(), m, Durations::earlier);
        }
        Map<String, List<Run>> byJob = new TreeMap<>();
        int withoutDuration = 0;
        for (JobRunMetric m : distinct.values()) {
            Run run = run(m);
            if (run.seconds() == null && run.started()) {
                withoutDuration++;
            }
            byJob.computeIfAbsent(m.jobName(), j -> new ArrayList<>()).add(run);
        }
        byJob.values().forEach(runs -> runs.sort(ORDER));
        byJob.replaceAll((job, runs) -> Collections.unmodifiableList(runs));
        return new Durations(
                Collections.unmodifiableMap(byJob), distinct.size(), metrics.size() - distinct.size(), withoutDuration);
    }

    private static JobRunMetric earlier(JobRunMetric a, JobRunMetric b) {
        int byTime = a.emittedAt().compareTo(b.emittedAt());
        if (byTime != 0) {
            return byTime < 0 ? a : b;
        }
        // Any fixed choice will do; this one does not depend on which came first.
        return a.toString().compareTo(b.toString()) <= 0 ? a : b;
    }

    private static Run run(JobRunMetric m) {
        Long seconds = m.durationSeconds();
        if (seconds == null && m.startedOn() != null && m.completedOn() != null) {
            long between = Duration.between(m.startedOn(), m.completedOn()).toSeconds();
            seconds = between >= 0 ? between : null;
        }
        Instant order;
        if (m.startedOn() != null) {
            order = m.startedOn();
        } else if (m.completedOn() != null) {
            order = seconds == null ? m.completedOn() : m.completedOn().minusSeconds(seconds);
        } else {
            order = m.emittedAt();
        }
        return new Run(m, order, seconds, weekday(m.runDate(), order));
    }

    static DayOfWeek weekday(LocalDate runDate, Instant start) {
        return (runDate != null ? runDate : LocalDate.ofInstant(start, ZoneOffset.UTC)).getDayOfWeek();
    }

    /** The jobs, by name. */
    Map<String, List<Run>> byJob() {
        return byJob;
    }

    /** The runs of a job in order; empty for a job without metrics. */
    List<Run> runs(String jobName) {
        return byJob.getOrDefault(jobName, List.of());
    }

    /** Whether a metric of this run is present: the run has ended. */
    public boolean hasRun(String jobName, String jobRunId) {
        return runKeys.contains(key(jobName, jobRunId));
    }

    /** How many distinct metrics (by MetricId) there are. */
    public int metrics() {
        return metrics;
    }

    /** How many metrics repeated a MetricId already seen, and were set aside. */
    public int duplicates() {
        return duplicates;
    }

    /** How many jobs have metrics. */
    public int jobs() {
        return byJob.size();
    }

    /** How many runs that started have no duration (no DurationSeconds, and not both StartedOn and CompletedOn). */
    public int withoutDuration() {
        return withoutDuration;
    }

    private static String key(String jobName, String jobRunId) {
        return jobName + '\0' + jobRunId;
    }
}
