package dev.switchyard.reactor.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchyard.contracts.domain.DomainEvent.JobRunAnomaly;
import dev.switchyard.contracts.metric.JobRunMetric;
import dev.switchyard.contracts.table.JobRunState;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/** Laws of anomaly detection that hold for any history: delivery does not matter, and neither do units. */
class AnomalyDetectorProperties {
    private static final Instant AT = Instant.parse("2026-12-01T06:00:00Z");

    /** One run of a job: how long, and how it ended. */
    private record Step(long seconds, JobRunState state, boolean notStarted) {}

    /** Durations near a job's usual one, with now and then a run far slower or faster, a failure or a no-start. */
    private static Arbitrary<Step> steps(long usual) {
        Arbitrary<Long> near = Arbitraries.doubles().between(0.7, 1.4).map(f -> Math.max(1, Math.round(usual * f)));
        Arbitrary<Long> far = Arbitraries.doubles()
                .between(3, 10)
                .map(f -> Math.round(usual * f))
                .injectDuplicates(0.1);
        Arbitrary<Long> fast =
                Arbitraries.doubles().between(0.001, 0.2).ofScale(4).map(f -> Math.max(1, Math.round(usual * f)));
        return Arbitraries.frequencyOf(
                Tuple.of(85, near.map(s -> new Step(s, JobRunState.SUCCEEDED, false))),
                Tuple.of(5, far.map(s -> new Step(s, JobRunState.SUCCEEDED, false))),
                Tuple.of(4, fast.map(s -> new Step(s, JobRunState.SUCCEEDED, false))),
                Tuple.of(4, far.map(s -> new Step(s, JobRunState.FAILED, false))),
                Tuple.of(2, Arbitraries.just(new Step(0, JobRunState.FAILED, true))));
    }

    /** A job's history: its steps one a day; the same day's runs sometimes share a start to the second. */
    private static Arbitrary<List<JobRunMetric>> job(String name) {
        return Arbitraries.longs()
                .between(30, 7200)
                .flatMap(usual -> steps(usual).list().ofMinSize(0).ofMaxSize(60))
                .map(steps -> {
                    List<JobRunMetric> metrics = new ArrayList<>();
                    for (int i = 0; i < steps.size(); i++) {
                        Step step = steps.get(i);
                        LocalDate date = Runs.FIRST_DAY.plusDays(i / 2);
                        String id = (step.notStarted() ? Durations.NOT_STARTED : "jr_") + name + "_" + i;
                        metrics.add(Runs.metric(name, date, id, step.state(), Runs.start(date), step.seconds()));
                    }
                    return metrics;
                });
    }

    @Provide
    Arbitrary<List<JobRunMetric>> histories() {
        return Combinators.combine(job("a"), job("b"), job("c")).as((a, b, c) -> {
            List<JobRunMetric> all = new ArrayList<>(a);
            all.addAll(b);
            all.addAll(c);
            return all;
        });
    }

    @Provide
    Arbitrary<AnomalyConfig> configs() {
        return Combinators.combine(
                        Arbitraries.of(2.5, 3.0, 3.5, 5.0),
                        Arbitraries.of(AnomalyConfig.Scale.class),
                        Arbitraries.of(true, false),
                        Arbitraries.of(true, false),
                        Arbitraries.integers().between(1, 12))
                .as((threshold, scale, seasonal, unsuccessful, minRuns) -> AnomalyConfig.defaults()
                        .withThreshold(threshold)
                        .withScale(scale)
                        .withSeasonal(seasonal)
                        .withJudgeUnsuccessful(unsuccessful)
                        .withRuns(30, minRuns));
    }

    @Property(tries = 300)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void shouldFindTheSameAnomalies_whenMetricsAreReorderedAndDelivered_moreThanOnce(
            @ForAll("histories") List<JobRunMetric> history,
            @ForAll("configs") AnomalyConfig config,
            @ForAll long seed) {
        AnomalyDetector detector = new AnomalyDetector(config);
        List<JobRunMetric> delivered = new ArrayList<>(history);
        Random random = new Random(seed);
        for (JobRunMetric m : history) {
            if (random.nextInt(4) == 0) {
                // A redelivery: the same metric, derived again a little later.
                delivered.add(withEmittedAt(m, m.emittedAt().plusSeconds(1 + random.nextInt(600))));
            }
        }
        Collections.shuffle(delivered, random);

        List<JobRunAnomaly> once = detector.judge(history, AT).anomalies();
        List<JobRunAnomaly> shuffled = detector.judge(delivered, AT).anomalies();

        assertThat(shuffled).isEqualTo(once);
        Statistics.label("anomalies found").collect(!once.isEmpty());
        Statistics.label("anomalies found").coverage(c -> c.check(true).percentage(p -> p > 30));
    }

    @Property(tries = 300)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void shouldNeverFlagARun_withinTheFloorsOfItsBaseline(
            @ForAll("histories") List<JobRunMetric> history,
            @ForAll @DoubleRange(min = 0.05, max = 5) double threshold,
            @ForAll("configs") AnomalyConfig shape,
            @ForAll @DoubleRange(min = 0, max = 1) double where) {
        AnomalyConfig config = shape.withThreshold(threshold);
        String job = "a";
        long[] baseline = baselineOfNextRun(history, job, config.window());
        if (baseline.length < config.minRuns()) {
            return;
        }
        double median = Baseline.median(
                java.util.Arrays.stream(baseline).asDoubleStream().toArray());
        // A duration strictly inside (median / minRatio, median × minRatio), or within the absolute floor.
        double low = Math.min(median / config.minRatio(), median - config.minDeviationSeconds());
        double high = Math.max(median * config.minRatio(), median + config.minDeviationSeconds());
        long seconds = Math.round(low + (high - low) * where);
        if (seconds <= low || seconds >= high || seconds < 0) {
            return;
        }
        List<JobRunMetric> metrics = new ArrayList<>(history);
        LocalDate date = Runs.FIRST_DAY.plusDays(400);
        JobRunMetric judged = Runs.metric(job, date, "jr_judged", JobRunState.SUCCEEDED, Runs.start(date), seconds);
        metrics.add(judged);

        List<JobRunAnomaly> found =
                new AnomalyDetector(config).judge(metrics, AT).anomalies();

        assertThat(found).noneMatch(a -> a.metricId().equals(judged.metricId()));
        Statistics.label("a run was judged").collect(true);
    }

    /** The durations the next run of {@code job} is judged against: its latest successful runs. */
    private static long[] baselineOfNextRun(List<JobRunMetric> history, String job, int window) {
        List<Long> usual = history.stream()
                .filter(m -> m.jobName().equals(job)
                        && m.state() == JobRunState.SUCCEEDED
                        && !m.jobRunId().startsWith(Durations.NOT_STARTED))
                .sorted(java.util.Comparator.comparing(JobRunMetric::startedOn)
                        .thenComparing(JobRunMetric::jobRunId)
                        .thenComparing(JobRunMetric::metricId))
                .map(JobRunMetric::durationSeconds)
                .toList();
        return usual.subList(Math.max(0, usual.size() - window), usual.size()).stream()
                .mapToLong(Long::longValue)
                .toArray();
    }

    @Property(tries = 300)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void shouldFlagTheSameRuns_whenEveryDurationIsScaled(
            @ForAll("histories") List<JobRunMetric> history,
            @ForAll("configs") AnomalyConfig shape,
            @ForAll @LongRange(min = 2, max = 3600) long factor) {
        // The absolute floor is in seconds and so changes with the unit; the law holds without it. (Every run
        // that can be judged or form a baseline lasts at least 1 s, so the log scale's 0 s = 1 s does not show.)
        AnomalyConfig config = shape.withFloors(0, shape.minRatio());
        AnomalyDetector detector = new AnomalyDetector(config);
        List<JobRunMetric> scaled = history.stream()
                .map(m -> withSeconds(m, m.durationSeconds() * factor))
                .toList();

        Set<String> flagged = flagged(detector.judge(history, AT).anomalies());

        assertThat(flagged(detector.judge(scaled, AT).anomalies())).isEqualTo(flagged);
        Statistics.label("anomalies found").collect(!flagged.isEmpty());
        Statistics.label("anomalies found").coverage(c -> c.check(true).percentage(p -> p > 30));
    }

    private static Set<String> flagged(List<JobRunAnomaly> anomalies) {
        return anomalies.stream().map(a -> a.metricId() + " " + a.kind()).collect(Collectors.toSet());
    }

    private static JobRunMetric withEmittedAt(JobRunMetric m, Instant emittedAt) {
        return new JobRunMetric(
                m.schemaVersion(),
                m.metricId(),
                m.jobName(),
                m.jobCategory(),
                m.environment(),
                m.runDate(),
                m.jobRunId(),
                m.state(),
                m.startedOn(),
                m.completedOn(),
                m.durationSeconds(),
                m.executionTimeSeconds(),
                m.attempt(),
                m.maxCapacity(),
                m.workerType(),
                m.numberOfWorkers(),
                m.errorMessage(),
                emittedAt);
    }

    private static JobRunMetric withSeconds(JobRunMetric m, long seconds) {
        return new JobRunMetric(
                m.schemaVersion(),
                m.metricId(),
                m.jobName(),
                m.jobCategory(),
                m.environment(),
                m.runDate(),
                m.jobRunId(),
                m.state(),
                m.startedOn(),
                m.startedOn().plusSeconds(seconds),
                seconds,
                m.executionTimeSeconds(),
                m.attempt(),
                m.maxCapacity(),
                m.workerType(),
                m.numberOfWorkers(),
                m.errorMessage(),
                m.emittedAt());
    }
}
