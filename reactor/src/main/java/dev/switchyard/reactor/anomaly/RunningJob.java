package dev.switchyard.reactor.anomaly;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A job run that has not ended, as the control table shows it ({@code StatusFlag} RUNNING and the run columns),
 * to be checked for being stuck.
 *
 * @param category the job's category, or null
 * @param environment the job's environment, or null
 * @param runDate the business date of the run, or null when unknown
 * @param startedOn when the run started (or, where that is unknown, the earliest time it was seen running)
 */
public record RunningJob(
        String jobName, String category, String environment, LocalDate runDate, String jobRunId, Instant startedOn) {

    public RunningJob {
        Objects.requireNonNull(jobName, "jobName");
        Objects.requireNonNull(jobRunId, "jobRunId");
        Objects.requireNonNull(startedOn, "startedOn");
    }
}
