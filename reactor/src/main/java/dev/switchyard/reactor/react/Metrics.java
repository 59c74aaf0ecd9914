package dev.switchyard.reactor.react;

import dev.switchyard.contracts.event.GlueJobEvent;
import dev.switchyard.contracts.metric.JobRunMetric;
import dev.switchyard.reactor.ports.GlueRun;
import java.time.Instant;
import java.time.LocalDate;

/** Derives the metric of a finished run (SPEC §6) from its event and what Glue said of it. */
final class Metrics {
    private Metrics() {}

    /**
     * @param glue what {@code GetJobRun} returned, or null
     * @param startedOn the run's start as far as known, or null
     * @param durationSeconds the run's duration, when its start is known
     * @param error a failed run's message, or null
     */
    static JobRunMetric of(
            GlueJobEvent event,
            GlueRun glue,
            String category,
            String environment,
            LocalDate runDate,
            Instant startedOn,
            Instant completedOn,
            Long durationSeconds,
            String error,
            Instant now) {
        return new JobRunMetric(
                JobRunMetric.SCHEMA_VERSION,
                JobRunMetric.metricId(event.jobName(), event.jobRunId(), event.state()),
                event.jobName(),
                category,
                environment,
                runDate,
                event.jobRunId(),
                event.state(),
                startedOn,
                completedOn,
                durationSeconds,
                glue == null ? null : glue.executionTimeSeconds(),
                glue == null ? null : glue.attempt(),
                glue == null ? null : glue.maxCapacity(),
                glue == null ? null : glue.workerType(),
                glue == null ? null : glue.numberOfWorkers(),
                error,
                now);
    }
}
