package dev.switchyard.reactor.anomaly;

import dev.switchyard.contracts.metric.JobRunMetric;
import dev.switchyard.contracts.table.JobRunState;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** A job's runs as metrics, one a day from {@link #FIRST_DAY}, built the way the reactor emits them. */
final class Runs {
    static final LocalDate FIRST_DAY = LocalDate.of(2026, 6, 1);

    private final String job;
    private final List<JobRunMetric> metrics = new ArrayList<>();
    private int day;

    Runs(String job) {
        this.job = job;
    }

    /** The run date of the next run. */
    LocalDate nextDate() {
        return FIRST_DAY.plusDays(day);
    }

    /** When the run of day {@code d} starts: 02:00 UTC the day after its run date. */
    static Instant start(LocalDate runDate) {
        return runDate.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(7200);
    }

    /** Successful runs of these durations, one a day. */
    Runs succeeded(long... seconds) {
        for (long s : seconds) {
            add(JobRunState.SUCCEEDED, "jr_" + job + "_" + day, s);
        }
        return this;
    }

    /** {@code count} successful runs of these durations in turn. */
    Runs succeededCycling(int count, long... seconds) {
        for (int i = 0; i < count; i++) {
            succeeded(seconds[i % seconds.length]);
        }
        return this;
    }

    Runs ended(JobRunState state, long seconds) {
        return add(state, "jr_" + job + "_" + day, seconds);
    }

    /** A job the orchestrator could not start, as PlanStep records it: FAILED, 0 s. */
    Runs notStarted() {
        return add(JobRunState.FAILED, "not-started-" + job + "-" + day, 0);
    }

    private Runs add(JobRunState state, String runId, long seconds) {
        LocalDate runDate = nextDate();
        metrics.add(metric(job, runDate, runId, state, start(runDate), seconds));
        day++;
        return this;
    }

    static JobRunMetric metric(
            String job, LocalDate runDate, String runId, JobRunState state, Instant start, long seconds) {
        Instant end = start.plusSeconds(seconds);
        return new JobRunMetric(
                JobRunMetric.SCHEMA_VERSION,
                JobRunMetric.metricId(job, runId, state),
                job,
                "RAW",
                "prod",
                runDate,
                runId,
                state,
                start,
                end,
                seconds,
                seconds,
                0,
                null,
                "G.1X",
                2,
                state == JobRunState.SUCCEEDED ? null : "failed",
                end.plusSeconds(1));
    }

    List<JobRunMetric> metrics() {
        return List.copyOf(metrics);
    }

    /** The latest metric. */
    JobRunMetric last() {
        return metrics.getLast();
    }
}
