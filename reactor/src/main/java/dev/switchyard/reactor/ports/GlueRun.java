package dev.switchyard.reactor.ports;

import dev.switchyard.contracts.table.JobRunState;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What Glue says of one job run ({@code GetJobRun}/{@code GetJobRuns}, the fields Switchyard uses); values
 * Glue did not report are null. See https://docs.aws.amazon.com/glue/latest/webapi/API_JobRun.html
 *
 * @param arguments the run's {@code Arguments}, where the orchestrator's {@code --switchyard-…} attribution is
 */
public record GlueRun(
        String jobName,
        String jobRunId,
        JobRunState state,
        Instant startedOn,
        Instant completedOn,
        Long executionTimeSeconds,
        Integer attempt,
        Double maxCapacity,
        String workerType,
        Integer numberOfWorkers,
        String errorMessage,
        Map<String, String> arguments) {

    public GlueRun {
        Objects.requireNonNull(jobName, "jobName");
        Objects.requireNonNull(jobRunId, "jobRunId");
        Objects.requireNonNull(state, "state");
        arguments = arguments == null ? Map.of() : Map.copyOf(arguments);
    }
}
