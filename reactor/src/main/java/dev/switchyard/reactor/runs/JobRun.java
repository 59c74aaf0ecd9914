package dev.switchyard.reactor.runs;

import dev.switchyard.contracts.metric.JobRunMetric;
import dev.switchyard.contracts.table.JobRunState;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What is known of one Glue job run (SPEC §4 run history): its state and, once {@code GetJobRun} has
 * told, its timings, capacity, attempt and error. Unknown values are {@code null}.
 *
 * @param jobName the Glue job
 * @param jobRunId Glue's run id ({@code jr_…})
 * @param state the latest state known
 * @param category the category run it is attributed to, when known
 * @param runDate that category run's business date, when known
 * @param startedOn when the run started ({@code StartedOn}); where unknown, the earliest event time
 * @param completedOn when it ended ({@code CompletedOn})
 * @param executionTimeSeconds billed execution time ({@code ExecutionTime})
 * @param attempt Glue's retry attempt, 0 for the first
 * @param maxCapacity DPUs, when Glue reports them
 * @param workerType e.g. {@code G.1X}
 * @param numberOfWorkers workers, when Glue reports them
 * @param errorMessage Glue's error message of a failed run
 */
public record JobRun(
        String jobName,
        String jobRunId,
        JobRunState state,
        String category,
        LocalDate runDate,
        Instant startedOn,
        Instant completedOn,
        Long executionTimeSeconds,
        Integer attempt,
        Double maxCapacity,
        String workerType,
        Integer numberOfWorkers,
        String errorMessage) {

    public JobRun {
        Objects.requireNonNull(jobName, "jobName");
        Objects.requireNonNull(jobRunId, "jobRunId");
        Objects.requireNonNull(state, "state");
    }

    /** A run of which only the state is known yet. */
    public static JobRun of(String jobName, String jobRunId, JobRunState state, Instant startedOn) {
        return new JobRun(jobName, jobRunId, state, null, null, startedOn, null, null, null, null, null, null, null);
    }

    /**
     * The run as a metric, the way anomaly detection reads runs: its state, start and end, from which its
     * duration follows. Fields the history does not keep (environment, capacity) are null.
     */
    public JobRunMetric asMetric() {
        Instant emitted = completedOn != null ? completedOn : startedOn != null ? startedOn : Instant.EPOCH;
        return new JobRunMetric(
                JobRunMetric.SCHEMA_VERSION,
                JobRunMetric.metricId(jobName, jobRunId, state),
                jobName,
                category,
                null,
                runDate,
                jobRunId,
                state,
                startedOn,
                completedOn,
                null,
                executionTimeSeconds,
                attempt,
                null,
                null,
                null,
                null,
                emitted);
    }
}
