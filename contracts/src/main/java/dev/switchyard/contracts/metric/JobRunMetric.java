package dev.switchyard.contracts.metric;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.switchyard.contracts.Digests;
import dev.switchyard.contracts.table.JobRunState;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The runtime of one finished Glue job run (SPEC §6), for anomaly detection; Kafka key {@code JobName}.
 * Emitted at least once per run and final state: consumers de-duplicate by {@code MetricId}. Schema: {@code
 * schemas/job-run-metric.v1.json}. Values Glue did not report are absent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
    "SchemaVersion",
    "MetricId",
    "JobName",
    "JobCategory",
    "Environment",
    "RunDate",
    "JobRunId",
    "State",
    "StartedOn",
    "CompletedOn",
    "DurationSeconds",
    "ExecutionTimeSeconds",
    "Attempt",
    "MaxCapacity",
    "WorkerType",
    "NumberOfWorkers",
    "ErrorMessage",
    "EmittedAt"
})
public record JobRunMetric(
        @JsonProperty("SchemaVersion") int schemaVersion,
        @JsonProperty("MetricId") String metricId,
        @JsonProperty("JobName") String jobName,
        @JsonProperty("JobCategory") String jobCategory,
        @JsonProperty("Environment") String environment,
        @JsonProperty("RunDate") LocalDate runDate,
        @JsonProperty("JobRunId") String jobRunId,
        @JsonProperty("State") JobRunState state,
        @JsonProperty("StartedOn") Instant startedOn,
        @JsonProperty("CompletedOn") Instant completedOn,
        @JsonProperty("DurationSeconds") Long durationSeconds,
        @JsonProperty("ExecutionTimeSeconds") Long executionTimeSeconds,
        @JsonProperty("Attempt") Integer attempt,
        @JsonProperty("MaxCapacity") Double maxCapacity,
        @JsonProperty("WorkerType") String workerType,
        @JsonProperty("NumberOfWorkers") Integer numberOfWorkers,
        @JsonProperty("ErrorMessage") String errorMessage,
        @JsonProperty("EmittedAt") Instant emittedAt) {

    public static final int SCHEMA_VERSION = 1;

    public JobRunMetric {
        if (schemaVersion != SCHEMA_VERSION) {
            throw new IllegalArgumentException(
                    "SchemaVersion " + schemaVersion + " is not supported; this version reads " + SCHEMA_VERSION);
        }
        Objects.requireNonNull(metricId, "MetricId");
        Objects.requireNonNull(jobName, "JobName");
        Objects.requireNonNull(jobRunId, "JobRunId");
        Objects.requireNonNull(state, "State");
        Objects.requireNonNull(emittedAt, "EmittedAt");
        if (!state.isTerminal()) {
            throw new IllegalArgumentException("a metric is for a finished run; State " + state + " is not final");
        }
        if (maxCapacity != null && (maxCapacity.isNaN() || maxCapacity.isInfinite() || maxCapacity < 0)) {
            throw new IllegalArgumentException("MaxCapacity " + maxCapacity + " is not a capacity");
        }
        if (executionTimeSeconds != null && executionTimeSeconds < 0) {
            throw new IllegalArgumentException("ExecutionTimeSeconds " + executionTimeSeconds + " is negative");
        }
        if (durationSeconds != null && durationSeconds < 0) {
            throw new IllegalArgumentException("DurationSeconds " + durationSeconds + " is negative");
        }
    }

    /** The id of a run's metric for a final state: the same however often the run's events are delivered. */
    public static String metricId(String jobName, String jobRunId, JobRunState state) {
        return Digests.hex(16, jobName + '\0' + jobRunId + '\0' + state.name());
    }
}
