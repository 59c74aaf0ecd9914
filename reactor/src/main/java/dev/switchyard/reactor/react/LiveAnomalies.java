package dev.switchyard.reactor.react;

import dev.switchyard.contracts.domain.DomainEvent;
import dev.switchyard.contracts.metric.JobRunMetric;
import dev.switchyard.contracts.table.JobRunState;
import dev.switchyard.reactor.anomaly.AnomalyDetector;
import dev.switchyard.reactor.anomaly.Durations;
import dev.switchyard.reactor.ports.Sink;
import dev.switchyard.reactor.runs.JobRun;
import dev.switchyard.reactor.runs.RunHistory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges each successful run as the reactor emits its metric, against the job's runs in the run history, and
 * publishes a {@link DomainEvent.JobRunAnomaly} when it is far slower or faster than usual: the same rules as
 * {@code switchyard anomalies}, so operations hear of a slow job when it ends, not when someone runs a command.
 * One history query per successful run. Published at least once, like every domain event; the anomaly's {@code
 * MetricId} identifies it.
 */
final class LiveAnomalies {
    /**
     * Runs read from the history: the detector's window with room for the same-weekday baseline of a daily job
     * (8 weeks), and for the failed runs among them.
     */
    static final int HISTORY = 64;

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
