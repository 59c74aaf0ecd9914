package dev.switchyard.sinks;

import dev.switchyard.contracts.metric.JobRunMetric;
import dev.switchyard.contracts.table.JobRunState;
import java.time.Instant;
import java.time.LocalDate;

/** Metrics for the sinks' tests. */
final class Samples {
    static final Instant EMITTED = Instant.parse("2026-11-30T08:05:13.250Z");

    private Samples() {}

    static JobRunMetric metric(String jobName, String runId, JobRunState state, String environment) {
        return new JobRunMetric(
                JobRunMetric.SCHEMA_VERSION,
                JobRunMetric.metricId(jobName, runId, state),
                jobName,
                "RAW",
                environment,
                LocalDate.of(2026, 11, 30),
                runId,
                state,
                Instant.parse("2026-11-30T08:00:00Z"),
                Instant.parse("2026-11-30T08:05:12Z"),
                312L,
                300L,
                0,
                10.0,
                "G.1X",
                10,
                state == JobRunState.SUCCEEDED ? null : "Container killed:\nout of memory (Ω)",
                EMITTED);
    }

    static JobRunMetric metric(String jobName, String runId) {
        return metric(jobName, runId, JobRunState.SUCCEEDED, "prod");
    }
}
