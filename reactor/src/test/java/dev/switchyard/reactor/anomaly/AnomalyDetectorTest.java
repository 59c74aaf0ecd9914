package dev.switchyard.reactor.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchyard.contracts.domain.DomainEvent.JobRunAnomaly;
import dev.switchyard.contracts.domain.DomainEvent.JobRunAnomaly.Kind;
import dev.switchyard.contracts.metric.JobRunMetric;
import dev.switchyard.contracts.table.JobRunState;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnomalyDetectorTest {
    private static final Instant AT = Instant.parse("2026-12-01T06:00:00Z");
    /** Forty minutes, give or take a few. */
    private static final long[] USUAL = {2400, 2460, 2350, 2520, 2380, 2440, 2410, 2300, 2490, 2430};

    private final AnomalyDetector detector = new AnomalyDetector(AnomalyConfig.defaults());
    /** Without the same-weekday baseline, so that the baseline reported is always the latest runs'. */
    private final AnomalyDetector plain =
            new AnomalyDetector(AnomalyConfig.defaults().withSeasonal(false));

    private static Runs usualRuns(String job, int count) {
        return new Runs(job).succeededCycling(count, USUAL);
    }

    @Test
    void shouldFlagASlowRun_withItsBaselineAndScore() {
        Runs runs = usualRuns("raw_orders", 20).succeeded(5 * 2400);

        Findings found = plain.judge(runs.metrics(), AT);

        JobRunMetric slow = runs.last();
        assertThat(found.anomalies()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(Kind.SLOW);
            assertThat(a.jobName()).isEqualTo("raw_orders");
            assertThat(a.category()).isEqualTo("RAW");
            assertThat(a.environment()).isEqualTo("prod");
            assertThat(a.runDate()).isEqualTo(slow.runDate());
            assertThat(a.jobRunId()).isEqualTo(slow.jobRunId());
            assertThat(a.metricId()).isEqualTo(slow.metricId());
            assertThat(a.durationSeconds()).isEqualTo(12_000);
            assertThat(a.baselineRuns()).isEqualTo(20);
            assertThat(a.baselineMedianSeconds()).isEqualTo(2420);
            assertThat(a.score()).isGreaterThan(3.5);
            assertThat(a.at()).isEqualTo(AT);
        });
        assertThat(found.judged()).isEqualTo(11);
        assertThat(found.tooFewRuns()).isEqualTo(10);
    }

    @Test
    void shouldFlagAFastRun_ofAJobThatReadNoData() {
        Runs runs = usualRuns("raw_orders", 15).succeeded(2);

        List<JobRunAnomaly> found = detector.judge(runs.metrics(), AT).anomalies();

        assertThat(found).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(Kind.FAST);
            assertThat(a.durationSeconds()).isEqualTo(2);
            assertThat(a.score()).isLessThan(-3.5);
        });
    }

    @Test
    void shouldFlagNothing_ofUsualRuns() {
        Findings found = detector.judge(usualRuns("raw_orders", 60).metrics(), AT);

        assertThat(found.anomalies()).isEmpty();
        assertThat(found.judged()).isEqualTo(50);
    }

    @Test
    void shouldNotJudge_beforeTheJobHasMinRunsSuccessfulRuns() {
        Runs runs = usualRuns("new_job", 9).succeeded(50_000);

        Findings found = detector.judge(runs.metrics(), AT);

        assertThat(found.anomalies()).isEmpty();
        assertThat(found.judged()).isZero();
        assertThat(found.tooFewRuns()).isEqualTo(10);
    }

    @Test
    void shouldLeaveFailedAndNotStartedRunsOutOfTheBaseline() {
        Runs runs = usualRuns("raw_orders", 12);
        for (int i = 0; i < 20; i++) {
            runs.notStarted().ended(JobRunState.FAILED, 30);
        }
        runs.succeeded(2);

        List<JobRunAnomaly> found = plain.judge(runs.metrics(), AT).anomalies();

        assertThat(found)
                .as("forty 0-30 s runs that did not succeed would have made 2 s look usual")
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.kind()).isEqualTo(Kind.FAST);
                    assertThat(a.baselineRuns()).isEqualTo(12);
                });
    }

    @Test
    void shouldNotJudgeRunsThatDidNotSucceed_unlessAskedAndThenOnlyForSlowness() {
        Runs runs = usualRuns("raw_orders", 12)
                .ended(JobRunState.TIMEOUT, 10 * 2400)
                .ended(JobRunState.FAILED, 3)
                .notStarted();

        assertThat(detector.judge(runs.metrics(), AT).anomalies()).isEmpty();
        List<JobRunAnomaly> judgingAll = new AnomalyDetector(
                        AnomalyConfig.defaults().withJudgeUnsuccessful(true))
                .judge(runs.metrics(), AT)
                .anomalies();
        assertThat(judgingAll)
                .singleElement()
                .satisfies(a -> assertThat(a.kind()).isEqualTo(Kind.SLOW))
                .satisfies(a -> assertThat(a.durationSeconds()).isEqualTo(24_000));
    }

    @Test
    void shouldJudgeEachRunOnlyAgainstTheRunsBeforeIt() {
        // A new version makes the job five times slower for good: the first slow run alerts, and the job's
        // baseline follows it once half the window has the new level.
        Runs runs = usualRuns("raw_orders", 30).succeededCycling(30, 12_000, 12_100, 11_900);

        List<JobRunAnomaly> found = detector.judge(runs.metrics(), AT).anomalies();

        assertThat(found)
                .hasSizeBetween(10, 15)
                .allSatisfy(a -> assertThat(a.kind()).isEqualTo(Kind.SLOW));
        assertThat(found.getFirst().jobRunId()).isEqualTo(runs.metrics().get(30).jobRunId());
        assertThat(found.getLast().baselineMedianSeconds()).isLessThan(3000);
    }

    @Test
    void shouldNotAlertOnTheJitterOfAVeryRegularJob() {
        // Every run took exactly ten minutes (MAD 0): 11 minutes, or 16, are not worth anyone's time.
        Runs runs = new Runs("regular").succeededCycling(20, 600).succeeded(660, 960, 1200);
        Runs shortJob = new Runs("short").succeededCycling(20, 30).succeeded(55, 12);

        assertThat(detector.judge(runs.metrics(), AT).anomalies())
                .singleElement()
                .satisfies(a -> assertThat(a.durationSeconds()).isEqualTo(1200));
        assertThat(detector.judge(shortJob.metrics(), AT).anomalies())
                .as("25 s slower is under the 30 s floor; 12 s is not half of 30 s")
                .isEmpty();
    }

    @Test
    void shouldNotAlertOnMondays_ofAJobThatAlwaysRunsLongerOnMondays() {
        Runs runs = new Runs("weekly_backlog");
        for (int day = 0; day < 60; day++) {
            boolean monday = runs.nextDate().getDayOfWeek() == DayOfWeek.MONDAY;
            runs.succeeded((monday ? 2 : 1) * USUAL[day % USUAL.length]);
        }

        List<JobRunAnomaly> seasonal = detector.judge(runs.metrics(), AT).anomalies();
        List<JobRunAnomaly> plain = new AnomalyDetector(AnomalyConfig.defaults().withSeasonal(false))
                .judge(runs.metrics(), AT)
                .anomalies();

        assertThat(plain).isNotEmpty();
        assertThat(seasonal)
                .as("only the first two Mondays, before there are two earlier Mondays to compare with")
                .hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void shouldReportTheSameWeekdayBaseline_ofAnAnomalyOnAnUnusualWeekday() {
        Runs runs = new Runs("weekly_backlog");
        for (int day = 0; day < 60; day++) {
            boolean monday = runs.nextDate().getDayOfWeek() == DayOfWeek.MONDAY;
            runs.succeeded((monday ? 2 : 1) * USUAL[day % USUAL.length]);
        }
        while (runs.nextDate().getDayOfWeek() != DayOfWeek.MONDAY) {
            runs.succeeded(USUAL[0]);
        }
        runs.succeeded(10 * 4800);

        List<JobRunAnomaly> found = detector.judge(runs.metrics(), AT).anomalies();

        assertThat(found.getLast().jobRunId()).isEqualTo(runs.last().jobRunId());
        assertThat(found.getLast().baselineMedianSeconds())
                .as("Mondays take twice as long")
                .isGreaterThan(4000);
        assertThat(found.getLast().baselineRuns()).isEqualTo(AnomalyDetector.SEASONAL_WINDOW);
    }

    @Test
    void shouldDeduplicateByMetricId_andCountWhatWasSetAside() {
        Runs runs = usualRuns("raw_orders", 15).succeeded(9000);
        List<JobRunMetric> twice = new ArrayList<>(runs.metrics());
        twice.addAll(runs.metrics());

        Durations durations = Durations.of(twice);

        assertThat(durations.metrics()).isEqualTo(16);
        assertThat(durations.duplicates()).isEqualTo(16);
        assertThat(durations.jobs()).isEqualTo(1);
        assertThat(detector.judge(durations, AT).anomalies()).hasSize(1);
    }

    @Test
    void shouldTakeTheDurationFromStartAndEnd_whenTheMetricHasNone() {
        List<JobRunMetric> metrics = new ArrayList<>(usualRuns("raw_orders", 15).metrics());
        LocalDate date = Runs.FIRST_DAY.plusDays(15);
        JobRunMetric m = Runs.metric("raw_orders", date, "jr_x", JobRunState.SUCCEEDED, Runs.start(date), 9000);
        metrics.add(new JobRunMetric(
                1,
                m.metricId(),
                m.jobName(),
                null,
                null,
                null,
                m.jobRunId(),
                m.state(),
                m.startedOn(),
                m.completedOn(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                m.emittedAt()));

        List<JobRunAnomaly> found = detector.judge(metrics, AT).anomalies();

        assertThat(found).singleElement().satisfies(a -> {
            assertThat(a.durationSeconds()).isEqualTo(9000);
            assertThat(a.category()).isNull();
            assertThat(a.runDate()).isNull();
        });
    }

    @Test
    void shouldCountRunsWithoutAnyDuration_andNotJudgeThem() {
        LocalDate date = Runs.FIRST_DAY;
        JobRunMetric m = Runs.metric("j", date, "jr_1", JobRunState.SUCCEEDED, Runs.start(date), 10);
        JobRunMetric blind = new JobRunMetric(
                1,
                m.metricId(),
                "j",
                null,
                null,
                null,
                "jr_1",
                m.state(),
                null,
                m.completedOn(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                m.emittedAt());

        assertThat(Durations.of(List.of(blind)).withoutDuration()).isEqualTo(1);
        assertThat(detector.judge(List.of(blind), AT).tooFewRuns()).isZero();
    }

    @Test
    void shouldFlagARunStillGoingFarPastItsUsualEnd_asStuck() {
        Runs runs = usualRuns("raw_orders", 20);
        LocalDate today = runs.nextDate();
        Instant started = Runs.start(today);
        RunningJob running = new RunningJob("raw_orders", "RAW", "prod", today, "jr_now", started);
        RunningJob young = new RunningJob("raw_orders", "RAW", "prod", today, "jr_young", started.plusSeconds(7000));
        Instant now = started.plusSeconds(4 * 2400);

        Findings found = plain.stuck(Durations.of(runs.metrics()), List.of(running, young), now);

        assertThat(found.anomalies()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(Kind.STUCK);
            assertThat(a.jobRunId()).isEqualTo("jr_now");
            assertThat(a.metricId()).isNull();
            assertThat(a.durationSeconds()).isEqualTo(9600);
            assertThat(a.runDate()).isEqualTo(today);
            assertThat(a.baselineRuns()).isEqualTo(20);
            assertThat(a.baselineMedianSeconds()).isEqualTo(2420);
            assertThat(a.at()).isEqualTo(now);
        });
        assertThat(found.judged()).isEqualTo(2);
    }

    @Test
    void shouldJudgeAStuckRunOnlyAgainstRunsThatStartedBeforeIt() {
        Runs runs = usualRuns("raw_orders", 20);
        Instant started = Runs.start(Runs.FIRST_DAY.plusDays(5));
        RunningJob early = new RunningJob("raw_orders", null, null, null, "jr_old", started);

        Findings found = detector.stuck(Durations.of(runs.metrics()), List.of(early), started.plusSeconds(100_000));

        assertThat(found.anomalies()).isEmpty();
        assertThat(found.tooFewRuns()).as("five runs had started before it").isEqualTo(1);
    }

    @Test
    void shouldSkipARunningRun_whoseMetricShowsItHasEnded() {
        Runs runs = usualRuns("raw_orders", 20);
        JobRunMetric last = runs.last();
        RunningJob stale = new RunningJob("raw_orders", "RAW", null, null, last.jobRunId(), last.startedOn());

        Durations durations = Durations.of(runs.metrics());
        Findings found =
                detector.stuck(durations, List.of(stale), last.startedOn().plusSeconds(100_000));

        assertThat(durations.hasRun("raw_orders", last.jobRunId())).isTrue();
        assertThat(found.anomalies()).isEmpty();
        assertThat(found.judged()).isZero();
        assertThat(found.tooFewRuns()).isZero();
    }

    @Test
    void shouldNeverFlagAStuckRun_asFast() {
        Runs runs = usualRuns("raw_orders", 20);
        Instant started = Runs.start(runs.nextDate());
        RunningJob justStarted = new RunningJob("raw_orders", null, null, null, "jr_now", started);

        assertThat(detector.stuck(Durations.of(runs.metrics()), List.of(justStarted), started.plusSeconds(1))
                        .anomalies())
                .isEmpty();
        assertThat(detector.stuck(Durations.of(runs.metrics()), List.of(justStarted), started.minusSeconds(60))
                        .anomalies())
                .as("a clock behind the run's start counts 0 s")
                .isEmpty();
    }

    @Test
    void shouldOrderAnomaliesByWhenTheirRunsStarted() {
        List<JobRunMetric> metrics = new ArrayList<>();
        metrics.addAll(usualRuns("b_job", 15).succeeded(9000).metrics());
        metrics.addAll(usualRuns("a_job", 16).succeeded(9000).metrics());

        List<JobRunAnomaly> found = plain.judge(metrics, AT).anomalies();

        assertThat(found).extracting(JobRunAnomaly::jobName).containsExactly("b_job", "a_job");
    }
}
