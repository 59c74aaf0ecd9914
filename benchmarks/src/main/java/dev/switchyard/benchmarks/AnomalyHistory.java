package dev.switchyard.benchmarks;

import dev.switchyard.contracts.domain.DomainEvent.JobRunAnomaly.Kind;
import dev.switchyard.contracts.metric.JobRunMetric;
import dev.switchyard.contracts.table.JobRunState;
import dev.switchyard.reactor.anomaly.Durations;
import dev.switchyard.reactor.anomaly.RunningJob;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A synthetic but realistic history of Glue job runs with anomalies injected and recorded, to measure anomaly
 * detection against: {@code jobs} jobs over {@code days} days, one seed, the same history every time.
 *
 * <p>Each job has a typical duration drawn log-uniformly from 30 s to 2 h and log-normal day-to-day noise (σ from
 * 0.05 to 0.35, a few jobs up to 0.5); 70% run daily, 20% on weekdays, 10% on Mondays only. A quarter of the daily
 * jobs are seasonal (Mondays 1.6–2.5× longer with the weekend's backlog, weekends 0.4–0.7×); 30% drift slowly
 * (growing 0.2–0.8% a day with their data) and 10% change their level once (×0.8–1.3, a new version). 3% of runs
 * fail partway and are re-run the same day, 0.5% time out, 0.5% never start (the orchestrator's {@code
 * not-started-…} FAILED runs of 0 s).
 *
 * <p>Injected, once a job has 12 successful runs: 1.5% of runs SLOW (×3 to ×10) and 0.75% FAST (×0.01 to ×0.2,
 * a job that read no data). Stuck runs are snapshots: on about one day in twelve per job, a run observed while
 * still going, either stuck (3 to 10 times the day's usual duration, 20% of snapshots) or going normally
 * (observed 10–100% of the way through a duration drawn as the day's would be).
 */
public final class AnomalyHistory {
    static final LocalDate FIRST_DAY = LocalDate.of(2026, 6, 1);

    /** A running run observed at {@code now}: stuck or not. */
    public record Snapshot(RunningJob job, Instant now, boolean stuck) {}

    /**
     * The history: the metrics as the reactor would emit them (shuffled, as a stream delivers them), the injected
     * anomalies by MetricId, and the running-run snapshots.
     */
    public record History(List<JobRunMetric> metrics, Map<String, Kind> injected, List<Snapshot> snapshots) {}

    private record Job(
            String name,
            String category,
            double median,
            double sigma,
            int schedule,
            double monday,
            double weekend,
            double growth,
            int stepDay,
            double step,
            int startMinute) {}

    private final Random random;
    private final List<JobRunMetric> metrics = new ArrayList<>();
    private final Map<String, Kind> injected = new HashMap<>();
    private final List<Snapshot> snapshots = new ArrayList<>();
    private int runs;

    private AnomalyHistory(long seed) {
        this.random = new Random(seed);
    }

    /** The history of {@code jobs} jobs over {@code days} days from one seed. */
    public static History generate(int jobs, int days, long seed) {
        AnomalyHistory h = new AnomalyHistory(seed);
        for (int j = 0; j < jobs; j++) {
            h.job(h.newJob(j), days);
        }
        List<JobRunMetric> shuffled = new ArrayList<>(h.metrics);
        java.util.Collections.shuffle(shuffled, h.random);
        return new History(List.copyOf(shuffled), Map.copyOf(h.injected), List.copyOf(h.snapshots));
    }

    private Job newJob(int j) {
        double median = 30 * Math.exp(random.nextDouble() * Math.log(7200.0 / 30));
        double sigma = random.nextDouble() < 0.1 ? between(0.35, 0.5) : between(0.05, 0.35);
        double draw = random.nextDouble();
        int schedule = draw < 0.7 ? 0 : draw < 0.9 ? 1 : 2;
        boolean seasonal = schedule == 0 && random.nextDouble() < 0.25;
        double drift = random.nextDouble();
        return new Job(
                String.format("job_%03d", j),
                List.of("RAW", "STG", "MART", "REF").get(j % 4),
                median,
                sigma,
                schedule,
                seasonal ? between(1.6, 2.5) : 1,
                seasonal ? between(0.4, 0.7) : 1,
                drift < 0.3 ? between(0.002, 0.008) : 0,
                drift >= 0.3 && drift < 0.4 ? 20 + random.nextInt(60) : -1,
                between(0.8, 1.3),
                60 + random.nextInt(300));
    }

    private void job(Job job, int days) {
        int successes = 0;
        for (int day = 0; day < days; day++) {
            LocalDate runDate = FIRST_DAY.plusDays(day);
            DayOfWeek weekday = runDate.getDayOfWeek();
            boolean runs = switch (job.schedule()) {
                case 0 -> true;
                case 1 -> weekday.getValue() <= 5;
                default -> weekday == DayOfWeek.MONDAY;
            };
            if (!runs) {
                continue;
            }
            double usual = usual(job, day, weekday);
            // Glue runs the business date's jobs early the next morning.
            Instant start = runDate.plusDays(1)
                    .atStartOfDay()
                    .toInstant(ZoneOffset.UTC)
                    .plusSeconds(job.startMinute() * 60L + random.nextInt(120));
            if (random.nextDouble() < 1.0 / 12 && successes >= 12) {
                snapshot(job, runDate, start.plusSeconds(7 * 3600), usual);
            }
            double draw = random.nextDouble();
            if (draw < 0.005) {
                String id = Durations.NOT_STARTED + hex();
                metric(job, runDate, id, JobRunState.FAILED, start, 0);
                continue;
            }
            if (draw < 0.035) {
                long failedAfter = Math.max(1, Math.round(noisy(job, usual) * between(0.05, 1)));
                metric(job, runDate, "jr_" + hex(), JobRunState.FAILED, start, failedAfter);
                start = start.plusSeconds(failedAfter + 600);
            } else if (draw < 0.04) {
                long timeout = Math.round(usual * 5);
                metric(job, runDate, "jr_" + hex(), JobRunState.TIMEOUT, start, timeout);
                start = start.plusSeconds(timeout + 600);
            }
            long seconds = Math.max(1, Math.round(noisy(job, usual)));
            Kind kind = null;
            if (successes >= 12) {
                double inject = random.nextDouble();
                if (inject < 0.015) {
                    kind = Kind.SLOW;
                    seconds = Math.round(seconds * between(3, 10));
                } else if (inject < 0.0225) {
                    kind = Kind.FAST;
                    seconds = Math.max(1, Math.round(seconds * between(0.01, 0.2)));
                }
            }
            JobRunMetric m = metric(job, runDate, "jr_" + hex(), JobRunState.SUCCEEDED, start, seconds);
            if (kind != null) {
                injected.put(m.metricId(), kind);
            }
            successes++;
        }
    }

    /** The day's typical duration: level, drift, step change and weekday. */
    private static double usual(Job job, int day, DayOfWeek weekday) {
        double level = job.median() * Math.exp(job.growth() * day);
        if (job.stepDay() >= 0 && day >= job.stepDay()) {
            level *= job.step();
        }
        if (weekday == DayOfWeek.MONDAY) {
            level *= job.monday();
        } else if (weekday.getValue() >= 6) {
            level *= job.weekend();
        }
        return level;
    }

    private double noisy(Job job, double usual) {
        return usual * Math.exp(job.sigma() * random.nextGaussian());
    }

    private void snapshot(Job job, LocalDate runDate, Instant start, double usual) {
        boolean stuck = random.nextDouble() < 0.2;
        double elapsed = stuck ? usual * between(3, 10) : noisy(job, usual) * between(0.1, 1);
        RunningJob running = new RunningJob(job.name(), job.category(), "prod", runDate, "jr_live_" + hex(), start);
        snapshots.add(new Snapshot(running, start.plusSeconds(Math.round(elapsed)), stuck));
    }

    private JobRunMetric metric(Job job, LocalDate runDate, String runId, JobRunState state, Instant start, long s) {
        Instant end = start.plusSeconds(s);
        JobRunMetric m = new JobRunMetric(
                JobRunMetric.SCHEMA_VERSION,
                JobRunMetric.metricId(job.name(), runId, state),
                job.name(),
                job.category(),
                "prod",
                runDate,
                runId,
                state,
                start,
                end,
                s,
                s,
                0,
                null,
                "G.1X",
                10,
                state == JobRunState.SUCCEEDED ? null : "synthetic " + state,
                end.plusSeconds(2));
        metrics.add(m);
        return m;
    }

    private double between(double low, double high) {
        return low + random.nextDouble() * (high - low);
    }

    private String hex() {
        return String.format("%016x", runs++ * 0x9E3779B97F4A7C15L + random.nextLong());
    }
}
