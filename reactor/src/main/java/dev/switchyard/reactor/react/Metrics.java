package dev.switchyard.reactor.react;

import dev.switchyard.contracts.event.GlueJobEvent;
import dev.switchyard.contracts.metric.JobRunMetric;
import dev.switchyard.contracts.table.JobRunState;
import dev.switchyard.reactor.ports.GlueRun;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/** Derives the metric of a finished run (SPEC §6) from its event and what Glue said of it. */
final class Metrics {
    private Metrics() {}

    /**
     * @param glue what {@code GetJobRun} returned, or null
     * @param startedOn the run's start as far as known, or null
     */
    static JobRunMetric of(
            GlueJobEvent event,
            GlueRun glue,
            String category,
            String environment,
            LocalDate runDate,
            Instant startedOn,
            Instant now) {
        Instant completedOn = glue != null && glue.completedOn() != null ? glue.completedOn() : event.time();
        Long duration = startedOn == null || completedOn.isBefore(startedOn)
                ? null
                : Duration.between(startedOn, completedOn).toSeconds();
        String error = glue != null && glue.errorMessage() != null
                ? glue.errorMessage()
                : event.state() == JobRunState.SUCCEEDED ? null : event.message();
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
                duration,
                glue == null ? null : glue.executionTimeSeconds(),
                glue == null ? null : glue.attempt(),
                glue == null ? null : glue.maxCapacity(),
                glue == null ? null : glue.workerType(),
                glue == null ? null : glue.numberOfWorkers(),
                error,
                now);
    }
}
