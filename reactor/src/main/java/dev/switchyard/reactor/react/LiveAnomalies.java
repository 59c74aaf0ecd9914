package dev.switchyard.reactor.react;

import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.contracts.domain.DomainEvent;
import dev.switchyard.contracts.metric.JobRunMetric;
import dev.switchyard.contracts.table.JobRunState;
import dev.switchyard.reactor.anomaly.AnomalyDetector;
import dev.switchyard.reactor.anomaly.Durations;
import dev.switchyard.reactor.anomaly.RunningJob;
import dev.switchyard.reactor.ports.Sink;
import dev.switchyard.reactor.runs.JobRun;
import dev.switchyard.reactor.runs.RunHistory;
import java.time.Instant;
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
        List<JobRunMetric> runs = pastRuns(metric.jobName(), metric.jobRunId());
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
        if (!(RunningRows.of(item).orElse(null) instanceof RunningRows.Going going)) {
            return false;
        }
        RunningJob running = going.job();
        if (history.flaggedStuck(running.jobName(), running.jobRunId())) {
            return false;
        }
        List<JobRunMetric> runs = pastRuns(running.jobName(), running.jobRunId());
        List<DomainEvent.JobRunAnomaly> found =
                detector.stuck(Durations.of(runs), List.of(running), now).anomalies();
        for (DomainEvent.JobRunAnomaly anomaly : found) {
            events.accept(anomaly);
        }
        if (!found.isEmpty()) {
            history.flagStuck(running.jobName(), running.jobRunId(), now);
        }
        return !found.isEmpty();
    }

    /** The job's latest finished runs but {@code exceptRunId}, as the detector reads runs. */
    private List<JobRunMetric> pastRuns(String jobName, String exceptRunId) {
        List<JobRunMetric> runs = new ArrayList<>();
        for (JobRun run :
                history.recent(jobName, Math.max(HISTORY, detector.config().window() * 2))) {
            if (!run.jobRunId().equals(exceptRunId) && run.state().isTerminal()) {
                runs.add(run.asMetric());
            }
        }
        return runs;
    }
}
