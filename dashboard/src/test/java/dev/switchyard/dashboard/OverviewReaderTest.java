package dev.switchyard.dashboard;

import static dev.switchyard.dashboard.World.D;
import static dev.switchyard.dashboard.World.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.contracts.table.JobRunState;
import dev.switchyard.dashboard.Overview.CategoryView;
import dev.switchyard.dashboard.Overview.JobView;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the overview says of a date, read from stores the reactor wrote. */
class OverviewReaderTest {
    private final World world = new World()
            .category("RAW")
            .category("STG", "RAW")
            .category("MART", "STG")
            .job("raw_orders", "RAW", "DAILY", "NO")
            .job("raw_customers", "RAW", "DAILY", "NO")
            .job("raw_legacy", "RAW", "DAILY", "YES")
            .job("raw_weekend", "RAW", "WEEKENDS", "NO")
            .job("stg_orders", "STG", "DAILY", "NO")
            .job("mart_sales", "MART", "DAILY", "NO");

    private Overview read(Instant now) {
        return new OverviewReader("test", world.jobs, world.state, ZoneOffset.UTC, false).read(D, now);
    }

    @Test
    void shouldChainCategoriesByLevel_andPlanEachJobWithItsReason() {
        Overview overview = read(T0);

        assertThat(overview.chain())
                .extracting(Overview.ChainLink::category, Overview.ChainLink::level)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("RAW", 0),
                        org.assertj.core.groups.Tuple.tuple("STG", 1),
                        org.assertj.core.groups.Tuple.tuple("MART", 2));
        CategoryView raw = category(overview, "RAW");
        assertThat(raw.downstream()).containsExactly("STG");
        assertThat(raw.jobs())
                .extracting(JobView::jobName, JobView::runs, JobView::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("raw_customers", true, "SCHEDULED"),
                        org.assertj.core.groups.Tuple.tuple("raw_legacy", false, "SKIPPED"),
                        org.assertj.core.groups.Tuple.tuple("raw_orders", true, "SCHEDULED"),
                        org.assertj.core.groups.Tuple.tuple("raw_weekend", false, "NOT_SCHEDULED"));
        // 2026-11-30 is a Monday.
        assertThat(job(overview, "raw_weekend").why()).contains("Monday 2026-11-30");
        assertThat(overview.today()).isEqualTo(D);
    }

    @Test
    void shouldShowABlockedRunAndItsBlockers_andWhatWaitsOnIt() {
        world.open("RAW", D, "raw_customers", "raw_orders")
                .run("raw_customers", "jr_c", T0, 30, JobRunState.SUCCEEDED)
                .run("raw_orders", "jr_o", T0, 45, JobRunState.FAILED);

        Overview overview = read(T0.plusSeconds(120));

        CategoryView raw = category(overview, "RAW");
        assertThat(raw.run().status()).isEqualTo("BLOCKED");
        assertThat(raw.run().succeeded()).isEqualTo(1);
        assertThat(raw.run().failed()).isEqualTo(1);
        assertThat(raw.run().blockers()).containsExactly(new Overview.Blocker("raw_orders", "FAILED", "jr_o"));
        assertThat(overview.blocked()).singleElement().satisfies(b -> {
            assertThat(b.category()).isEqualTo("RAW");
            assertThat(b.blockers()).extracting(Overview.Blocker::jobName).containsExactly("raw_orders");
        });
        assertThat(category(overview, "STG").run()).isNull();
        assertThat(category(overview, "STG").waitingOn()).containsExactly("RAW");
        JobView orders = job(overview, "raw_orders");
        assertThat(orders.statusFlag()).isEqualTo("FAILED");
        assertThat(orders.lastRunId()).isEqualTo("jr_o");
        assertThat(orders.lastDurationSeconds()).isEqualTo(45.0);
    }

    @Test
    void shouldCompareTheLastDurationWithTheUsualOne_andChartRecentRunsOldestFirst() {
        world.history("raw_orders", 25, 600, 620, 580).run("raw_orders", "jr_today", T0, 610, JobRunState.SUCCEEDED);

        JobView orders = job(read(T0.plusSeconds(3_600)), "raw_orders");

        assertThat(orders.lastDurationSeconds()).isEqualTo(610.0);
        assertThat(orders.usualDurationSeconds()).isEqualTo(600.0);
        assertThat(orders.recent()).hasSize(OverviewReader.CHART);
        assertThat(orders.recent().getLast().startedOn()).isEqualTo(T0);
        assertThat(orders.recent().getLast().seconds()).isEqualTo(610.0);
        assertThat(orders.recent().getFirst().startedOn())
                .isBefore(orders.recent().getLast().startedOn());
        assertThat(orders.anomaly()).isNull();
    }

    @Test
    void shouldFlagASlowLastRun() {
        world.history("raw_orders", 25, 600, 620, 580).run("raw_orders", "jr_today", T0, 6_000, JobRunState.SUCCEEDED);

        Overview overview = read(T0.plusSeconds(7_200));

        assertThat(job(overview, "raw_orders").anomaly()).satisfies(a -> {
            assertThat(a.kind()).isEqualTo("SLOW");
            assertThat(a.jobRunId()).isEqualTo("jr_today");
            assertThat(a.text()).isEqualTo("took 1 h 40 min; usually 10 min");
        });
        assertThat(overview.anomalies())
                .extracting(Overview.AnomalyView::jobName)
                .containsExactly("raw_orders");
    }

    @Test
    void shouldFlagARunGoingFarLongerThanUsualAsStuck_onlyOnceItIs() {
        world.history("raw_orders", 25, 600, 620, 580).running("raw_orders", "jr_today", T0);

        JobView early = job(read(T0.plusSeconds(300)), "raw_orders");
        JobView late = job(read(T0.plus(Duration.ofHours(3))), "raw_orders");

        assertThat(early.statusFlag()).isEqualTo("RUNNING");
        assertThat(early.anomaly()).isNull();
        assertThat(early.recent().getLast().seconds()).isNull();
        assertThat(late.anomaly()).satisfies(a -> {
            assertThat(a.kind()).isEqualTo("STUCK");
            assertThat(a.text()).isEqualTo("running for 3 h; usually done in 10 min");
        });
    }

    @Test
    void shouldFollowAChangedRow_atTheNextRead() {
        OverviewReader reader = new OverviewReader("test", world.jobs, world.state, ZoneOffset.UTC, false);
        Overview before = reader.read(D, T0);

        world.running("raw_orders", "jr_1", T0);
        Overview after = reader.read(D, T0.plusSeconds(5));

        assertThat(after.sameAs(before)).isFalse();
        assertThat(job(before, "raw_orders").statusFlag()).isNull();
        assertThat(job(after, "raw_orders").statusFlag()).isEqualTo("RUNNING");
        assertThat(job(after, "raw_orders").recent())
                .extracting(Overview.RecentRun::state)
                .containsExactly("RUNNING");
        assertThat(reader.read(D, T0.plusSeconds(10)).sameAs(after)).isTrue();
    }

    @Test
    void shouldKeepOnlyTheChangedCategories_inTheChangesSinceAnEarlierOverview() {
        OverviewReader reader = new OverviewReader("test", world.jobs, world.state, ZoneOffset.UTC, false);
        Overview before = reader.read(D, T0);
        world.running("stg_orders", "jr_1", T0);
        Overview after = reader.read(D, T0.plusSeconds(5));
        world.job("ref_rates", "REF", "DAILY", "NO");
        Overview another = reader.read(D, T0.plusSeconds(10));

        assertThat(after.changesSince(before).categories())
                .extracting(CategoryView::category)
                .containsExactly("STG");
        assertThat(after.changesSince(after).categories()).isEmpty();
        assertThat(another.changesSince(after)).as("a category was added").isNull();
        assertThat(reader.read(D.plusDays(1), T0).changesSince(after))
                .as("another date")
                .isNull();
        assertThat(after.changesSince(null)).isNull();
    }

    @Test
    void shouldShowARowItCannotRead_withWhatIsWrong() {
        world.jobs.put(
                Map.of(
                        "JobName", new Attr.S("raw_broken"),
                        "JobCategory", new Attr.S("RAW"),
                        "RunCondition", new Attr.S("DAILY"),
                        "SkipFlag", new Attr.S("PERHAPS")),
                dev.switchyard.reactor.store.Condition.ALWAYS);

        JobView broken = job(read(T0), "raw_broken");

        assertThat(broken.runs()).isFalse();
        assertThat(broken.reason()).startsWith("INVALID");
        assertThat(broken.why()).contains("PERHAPS");
    }

    @Test
    void shouldListACategoryOnlyARowNames_asDependingOnNothing() {
        world.job("ref_rates", "REF", "DAILY", "NO");

        Overview overview = read(T0);

        assertThat(category(overview, "REF").dependsOn()).isEmpty();
        assertThat(overview.chain()).extracting(Overview.ChainLink::category).contains("REF");
        assertThat(List.of(Words.duration(59), Words.duration(60), Words.duration(3_660), Words.duration(7_200)))
                .containsExactly("59 s", "1 min", "1 h 1 min", "2 h");
    }

    @Test
    void shouldShowEachDatesOwnStatus_notTheLatest() {
        LocalDate yesterday = D.minusDays(1);
        world.open("RAW", yesterday, "raw_orders", "raw_customers")
                .run("raw_orders", "jr_yesterday", T0.minus(Duration.ofDays(1)), 42, JobRunState.SUCCEEDED);
        OverviewReader reader = new OverviewReader("test", world.jobs, world.state, ZoneOffset.UTC, false);

        JobView today = job(reader.read(D, T0), "raw_orders");
        JobView before = job(reader.read(yesterday, T0), "raw_orders");

        assertThat(today.statusFlag())
                .as("no run of raw_orders on the day shown yet")
                .isNull();
        assertThat(today.lastRunId()).isNull();
        assertThat(today.recent()).hasSize(1);
        assertThat(before.statusFlag()).isEqualTo("SUCCEEDED");
        assertThat(before.lastRunId()).isEqualTo("jr_yesterday");
        assertThat(before.lastDurationSeconds()).isEqualTo(42.0);
        assertThat(before.lastRunTimestamp()).isEqualTo("2026-11-29T06:00:42Z");
    }

    @Test
    void shouldReadAJobsRunsAgain_whenTheRowWasAheadOfTheRunHistory() {
        OverviewReader reader = new OverviewReader("test", world.jobs, world.state, ZoneOffset.UTC, false);
        // The reactor writes the row first and the run's record last: a refresh can fall in between.
        world.control.writeStatus(
                "raw_orders",
                Map.of(
                        "StatusFlag", new Attr.S("SUCCEEDED"),
                        "LastRunId", new Attr.S("jr_1"),
                        "LastRunTimestamp", new Attr.S("2026-11-30T06:10:00Z")),
                dev.switchyard.reactor.store.Condition.ALWAYS,
                new dev.switchyard.reactor.table.Stamp("reactor", T0));
        JobView between = job(reader.read(D, T0.plusSeconds(600)), "raw_orders");
        new dev.switchyard.reactor.runs.RunHistory(world.state, Duration.ofDays(30))
                .record(
                        new dev.switchyard.reactor.runs.JobRun(
                                "raw_orders",
                                "jr_1",
                                JobRunState.SUCCEEDED,
                                "RAW",
                                D,
                                T0,
                                T0.plusSeconds(600),
                                600L,
                                0,
                                null,
                                null,
                                null,
                                null),
                        dev.switchyard.reactor.runs.RunOrder.of(T0, "jr_1", JobRunState.SUCCEEDED, T0.plusSeconds(600)),
                        T0.plusSeconds(600));
        JobView after = job(reader.read(D, T0.plusSeconds(602)), "raw_orders");

        assertThat(between.lastDurationSeconds()).isNull();
        assertThat(after.lastDurationSeconds()).isEqualTo(600.0);
        assertThat(after.recent()).extracting(Overview.RecentRun::seconds).containsExactly(600.0);
    }

    @Test
    void shouldFallBackToTheRowsLastDuration_whenTheHistoryHasNoRecordOfTheRun() {
        world.control.writeStatus(
                "raw_orders",
                Map.of(
                        "StatusFlag", new Attr.S("FAILED"),
                        "LastRunId", new Attr.S("jr_gone"),
                        "LastDurationSeconds", Attr.n(42)),
                dev.switchyard.reactor.store.Condition.ALWAYS,
                new dev.switchyard.reactor.table.Stamp("reactor", T0));

        assertThat(job(read(T0), "raw_orders").lastDurationSeconds()).isEqualTo(42.0);
    }

    @Test
    void shouldShowARowWithoutACategory_underNoCategory() {
        world.jobs.put(
                Map.of("JobName", new Attr.S("orphan"), "RunCondition", new Attr.S("DAILY")),
                dev.switchyard.reactor.store.Condition.ALWAYS);

        Overview overview = read(T0);

        assertThat(category(overview, OverviewReader.NO_CATEGORY).jobs())
                .singleElement()
                .satisfies(j -> {
                    assertThat(j.jobName()).isEqualTo("orphan");
                    assertThat(j.reason()).isEqualTo("INVALID_ROW");
                    assertThat(j.why()).contains("JobCategory");
                });
    }

    static CategoryView category(Overview overview, String name) {
        return overview.categories().stream()
                .filter(c -> c.category().equals(name))
                .findFirst()
                .orElseThrow();
    }

    static JobView job(Overview overview, String name) {
        return overview.categories().stream()
                .flatMap(c -> c.jobs().stream())
                .filter(j -> j.jobName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no job " + name + " in the overview"));
    }
}
