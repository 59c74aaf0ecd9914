package dev.switchyard.reactor.react;

import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.contracts.domain.DomainEvent;
import dev.switchyard.contracts.metric.JobRunMetric;
import dev.switchyard.contracts.table.ControlTableItem;
import dev.switchyard.contracts.table.JobRunState;
import dev.switchyard.contracts.table.Timestamps;
import dev.switchyard.reactor.anomaly.AnomalyDetector;
import dev.switchyard.reactor.anomaly.Durations;
import dev.switchyard.reactor.anomaly.RunningJob;
import dev.switchyard.reactor.ports.Sink;
import dev.switchyard.reactor.runs.JobRun;
import dev.switchyard.reactor.runs.RunHistory;
import dev.switchyard.reactor.table.JobColumns;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Judges each successful run as the reactor emits its metric, against the job's runs in the run history, and
 * publishes a {@link DomainEvent.JobRunAnomaly} when it is far slower or faster than usual: the same rules as
 * {@code switchyard anomalies}, so operations hear of a slow job when it ends, not when someone runs a command.
 * One history query per successful run. Reconciliation's sweep asks it about each job still running, which is
 * published as STUCK once it runs far longer than usual, once per run. Published at least once, like every
 * domain event; the anomaly's {@code MetricId}, or {@code (JobName, JobRunId)} for STUCK, identifies it.
 */
final class LiveAnomalies {
    /**
     * Runs read from the history: the detector's window with room for the same-weekday baseline of a daily job
     * (8 weeks), and for the failed runs among them.
     */
    static final int HISTORY = 64;

    /** The reactor-owned column holding the start of the job's latest run. */
    static final String LAST_RUN_STARTED_ON = "LastRunStartedOn";

    private final RunHistory history;
    private final AnomalyDetector detector;
    private final Sink<DomainEvent> events;

    LiveAnomalies(RunHistory history, AnomalyDetector detector, Sink<DomainEvent> events) {
        this.history = history;
        this.detector = detector;
        this.events = events;
    }

    void judge(JobRunMetric metric, Instant now) {
        if (metric.state() != JobRunState.SUCCEEDED
                || metric.startedOn() == null
                || metric.jobRunId().startsWith(Durations.NOT_STARTED)) {
            return;
        }
        List<JobRunMetric> runs = new ArrayList<>();
        for (JobRun run : history.recent(
                metric.jobName(), Math.max(HISTORY, detector.config().window() * 2))) {
            if (!run.jobRunId().equals(metric.jobRunId()) && run.state().isTerminal()) {
                runs.add(asMetric(run));
            }
        }
        if (runs.size() < detector.config().minRuns()) {
            return; // too few runs to judge: no need to ask the detector
        }
        runs.add(metric);
        detector.judge(runs, now).anomalies().stream()
                .filter(anomaly -> metric.jobRunId().equals(anomaly.jobRunId()))
                .forEach(events::accept);
    }

    /**
     * Publishes a STUCK anomaly for the job's run if the control table shows it still going for far longer than
     * its successful runs take, unless one was published for that run before.
     *
     * @return whether one was published
     */
    boolean stuck(Map<String, Attr> item, Instant now) {
        JobRunState status = state(JobColumns.text(item, ControlTableItem.STATUS_FLAG));
        String job = JobColumns.text(item, ControlTableItem.JOB_NAME);
        String runId = JobColumns.text(item, Reactor.LAST_RUN_ID);
        Instant started = instant(JobColumns.text(item, LAST_RUN_STARTED_ON))
                .or(() -> instant(JobColumns.text(item, ControlTableItem.LAST_RUN_TIMESTAMP)))
                .orElse(null);
        if (status == null || status.isTerminal() || job == null || runId == null || started == null) {
            return false;
        }
        if (history.flaggedStuck(job, runId)) {
            return false;
        }
        List<JobRunMetric> runs = new ArrayList<>();
        for (JobRun run :
                history.recent(job, Math.max(HISTORY, detector.config().window() * 2))) {
            if (!run.jobRunId().equals(runId) && run.state().isTerminal()) {
                runs.add(asMetric(run));
            }
        }
        RunningJob running = new RunningJob(
                job,
                JobColumns.text(item, ControlTableItem.JOB_CATEGORY),
                JobColumns.text(item, ControlTableItem.ENVIRONMENT),
                date(JobColumns.text(item, Reactor.LAST_RUN_DATE)),
                runId,
                started);
        List<DomainEvent.JobRunAnomaly> found =
                detector.stuck(Durations.of(runs), List.of(running), now).anomalies();
        for (DomainEvent.JobRunAnomaly anomaly : found) {
            events.accept(anomaly);
        }
        if (!found.isEmpty()) {
            history.flagStuck(job, runId, now);
        }
        return !found.isEmpty();
    }

    private static java.util.Optional<Instant> instant(String text) {
        return text == null ? java.util.Optional.empty() : Timestamps.parse(text);
    }

    private static JobRunState state(String text) {
        try {
            return text == null ? null : JobRunState.valueOf(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static LocalDate date(String text) {
        try {
            return text == null ? null : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A past run as the detector reads runs: its state, start and end; its duration follows from them. */
    private static JobRunMetric asMetric(JobRun run) {
        Instant emitted = run.completedOn() != null
                ? run.completedOn()
                : run.startedOn() != null ? run.startedOn() : Instant.EPOCH;
        return new JobRunMetric(
                JobRunMetric.SCHEMA_VERSION,
                JobRunMetric.metricId(run.jobName(), run.jobRunId(), run.state()),
                run.jobName(),
                run.category(),
                null,
                run.runDate(),
                run.jobRunId(),
                run.state(),
                run.startedOn(),
                run.completedOn(),
                null,
                run.executionTimeSeconds(),
                run.attempt(),
                null,
                null,
                null,
                null,
                emitted);
    }
}
