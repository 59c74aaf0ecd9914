package dev.switchyard.reactor.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchyard.contracts.table.JobRunState;
import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.store.TableSchema;
import dev.switchyard.reactor.table.StateTable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The reactor's records — run history, category runs with manifests, trigger markers — on every store. */
public abstract class RunRecordsContract {
    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00Z");
    private static final LocalDate D = LocalDate.parse("2026-11-30");
    private static final Duration KEEP = Duration.ofDays(400);

    protected abstract ItemTable newTable(TableSchema schema);

    @Test
    void shouldKeepAFinalState_whenALateNonFinalEventArrives() {
        RunHistory history = new RunHistory(newTable(StateTable.SCHEMA), Duration.ofDays(400));
        history.record(
                JobRun.of("JOB1", "jr_1", JobRunState.SUCCEEDED, T0),
                RunOrder.within(JobRunState.SUCCEEDED, T0.plusSeconds(60)),
                T0.plusSeconds(60));

        boolean applied = history.record(
                JobRun.of("JOB1", "jr_1", JobRunState.RUNNING, T0),
                RunOrder.within(JobRunState.RUNNING, T0.plusSeconds(61)),
                T0.plusSeconds(61));
        boolean again = history.record(
                JobRun.of("JOB1", "jr_1", JobRunState.SUCCEEDED, T0),
                RunOrder.within(JobRunState.SUCCEEDED, T0.plusSeconds(60)),
                T0.plusSeconds(62));

        assertThat(applied).isFalse();
        assertThat(again).as("a redelivered event").isFalse();
        assertThat(history.entry("JOB1", "jr_1").orElseThrow().order())
                .isEqualTo(RunOrder.within(JobRunState.SUCCEEDED, T0.plusSeconds(60)));
        assertThat(history.get("JOB1", "jr_1").orElseThrow().state()).isEqualTo(JobRunState.SUCCEEDED);
    }

    @Test
    void shouldListAJobsRuns_newestFirst_byStart() {
        RunHistory history = new RunHistory(newTable(StateTable.SCHEMA), Duration.ofDays(400));
        history.record(
                JobRun.of("JOB1", "jr_b", JobRunState.SUCCEEDED, T0), RunOrder.within(JobRunState.SUCCEEDED, T0), T0);
        history.record(
                JobRun.of("JOB1", "jr_a", JobRunState.FAILED, T0.plusSeconds(86_400)),
                RunOrder.within(JobRunState.FAILED, T0),
                T0);
        history.record(
                JobRun.of("JOB1", "jr_c", JobRunState.RUNNING, T0.plusSeconds(2 * 86_400)),
                RunOrder.within(JobRunState.RUNNING, T0),
                T0);
        history.record(
                JobRun.of("JOB2", "jr_d", JobRunState.RUNNING, T0), RunOrder.within(JobRunState.RUNNING, T0), T0);

        assertThat(history.recent("JOB1", 2)).extracting(JobRun::jobRunId).containsExactly("jr_c", "jr_a");
    }

    @Test
    void shouldMergeTimings_intoTheRunsRecord() {
        RunHistory history = new RunHistory(newTable(StateTable.SCHEMA), Duration.ofDays(400));
        history.record(
                JobRun.of("JOB1", "jr_1", JobRunState.RUNNING, T0), RunOrder.within(JobRunState.RUNNING, T0), T0);
        JobRun done = new JobRun(
                "JOB1",
                "jr_1",
                JobRunState.FAILED,
                "RAW",
                D,
                T0,
                T0.plusSeconds(95),
                90L,
                0,
                2.0,
                "G.1X",
                2,
                "OutOfMemory");

        history.record(done, RunOrder.within(JobRunState.FAILED, T0.plusSeconds(95)), T0.plusSeconds(96));

        assertThat(history.get("JOB1", "jr_1")).contains(done);
    }

    @Test
    void shouldOpenARunOnce_keepingTheFirstManifest() {
        CategoryRuns runs = new CategoryRuns(newTable(StateTable.SCHEMA), KEEP);

        CategoryRuns.Opened first = runs.open("RAW", D, null, List.of("JOB2", "JOB1"), T0);
        CategoryRuns.Opened second = runs.open("RAW", D, null, List.of("JOB3"), T0.plusSeconds(5));

        assertThat(first.created()).isTrue();
        assertThat(second.created()).isFalse();
        assertThat(second.run()).isEqualTo(first.run());
        assertThat(runs.manifest("RAW", D))
                .extracting(CategoryRuns.Entry::jobName)
                .containsExactly("JOB1", "JOB2");
        assertThat(first.run().status()).isEqualTo(CategoryRuns.Status.OPEN);
    }

    @Test
    void shouldKeepWhichExecutionOpenedARun_andNotLetALaterOpeningChangeIt() {
        CategoryRuns runs = new CategoryRuns(newTable(StateTable.SCHEMA), KEEP);

        runs.open("RAW", D, null, List.of("JOB1"), T0, "RAW-2026-11-30");
        CategoryRuns.Opened again = runs.open("RAW", D, null, List.of("JOB1"), T0.plusSeconds(5), "a-scheduled-start");

        assertThat(again.created()).isFalse();
        assertThat(again.run().openedBy()).isEqualTo("RAW-2026-11-30");
        assertThat(runs.get("RAW", D).orElseThrow().openedBy()).isEqualTo("RAW-2026-11-30");
        assertThat(runs.open("STG", D, null, List.of("JOB2"), T0).run().openedBy())
                .isNull();
    }

    @Test
    void shouldSucceedAtOnce_whenTheManifestIsEmpty() {
        CategoryRuns runs = new CategoryRuns(newTable(StateTable.SCHEMA), KEEP);

        CategoryRuns.CategoryRun run = runs.open("STG", D, null, List.of(), T0).run();

        assertThat(run.status()).isEqualTo(CategoryRuns.Status.SUCCEEDED);
        assertThat(run.succeededAt()).isEqualTo(T0);
    }

    @Test
    void shouldBlockOnAFailure_andSucceed_whenTheFailedJobIsRerunSuccessfully() {
        CategoryRuns runs = new CategoryRuns(newTable(StateTable.SCHEMA), KEEP);
        runs.open("RAW", D, "prod", List.of("A", "B"), T0);

        runs.record("RAW", D, "A", "jr_a", JobRunState.SUCCEEDED, T0.plusSeconds(10));
        CategoryRuns.Recorded blocked = runs.record("RAW", D, "B", "jr_b1", JobRunState.FAILED, T0.plusSeconds(20));

        assertThat(((CategoryRuns.Recorded.Progress) blocked).run().status()).isEqualTo(CategoryRuns.Status.BLOCKED);
        assertThat(runs.blockers("RAW", D)).containsExactly(new CategoryRuns.Entry("B", "FAILED", "jr_b1"));
        runs.record("RAW", D, "B", "jr_b2", JobRunState.RUNNING, T0.plusSeconds(30));
        assertThat(runs.get("RAW", D).orElseThrow().status()).isEqualTo(CategoryRuns.Status.OPEN);
        CategoryRuns.Recorded done = runs.record("RAW", D, "B", "jr_b2", JobRunState.SUCCEEDED, T0.plusSeconds(40));

        CategoryRuns.CategoryRun run = ((CategoryRuns.Recorded.Progress) done).run();
        assertThat(run.status()).isEqualTo(CategoryRuns.Status.SUCCEEDED);
        assertThat(run.succeededAt()).isEqualTo(T0.plusSeconds(40));
        assertThat(runs.blockers("RAW", D)).isEmpty();
    }

    @Test
    void shouldNotRegress_whenResultsArriveTwiceAndOutOfOrder() {
        CategoryRuns runs = new CategoryRuns(newTable(StateTable.SCHEMA), KEEP);
        runs.open("RAW", D, null, List.of("A"), T0);

        runs.record("RAW", D, "A", "jr_1", JobRunState.SUCCEEDED, T0.plusSeconds(10));
        runs.record("RAW", D, "A", "jr_1", JobRunState.RUNNING, T0.plusSeconds(11));
        runs.record("RAW", D, "A", "jr_0", JobRunState.FAILED, T0.plusSeconds(12));
        runs.record("RAW", D, "A", "jr_1", JobRunState.SUCCEEDED, T0.plusSeconds(13));

        CategoryRuns.CategoryRun run = runs.get("RAW", D).orElseThrow();
        assertThat(run.status()).isEqualTo(CategoryRuns.Status.SUCCEEDED);
        assertThat(run.succeededAt()).isEqualTo(T0.plusSeconds(10));
    }

    @Test
    void shouldTrackAManifestOfThousandsOfJobs_overSeveralChunks_inAnyOrder() {
        CategoryRuns runs = new CategoryRuns(newTable(StateTable.SCHEMA), KEEP);
        List<String> jobs = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            jobs.add("job_" + i);
        }
        CategoryRuns.CategoryRun opened = runs.open("RAW", D, null, jobs, T0).run();
        assertThat(opened.chunks()).isEqualTo((1200 + CategoryRuns.CHUNK - 1) / CategoryRuns.CHUNK);
        List<String> order = new ArrayList<>(jobs);
        Collections.shuffle(order, new Random(7));

        for (int i = 0; i < order.size(); i++) {
            CategoryRuns.Recorded r =
                    runs.record("RAW", D, order.get(i), "jr_" + i, JobRunState.SUCCEEDED, T0.plusSeconds(i));
            CategoryRuns.Status expected =
                    i == order.size() - 1 ? CategoryRuns.Status.SUCCEEDED : CategoryRuns.Status.OPEN;
            assertThat(((CategoryRuns.Recorded.Progress) r).run().status())
                    .as("after %d", i)
                    .isEqualTo(expected);
        }
    }

    @Test
    void shouldSucceed_whenAChunkOfTheManifestHoldsNoJob() {
        CategoryRuns runs = new CategoryRuns(newTable(StateTable.SCHEMA), KEEP);
        // CHUNK + 1 jobs make two chunks; pick names that all fall in the first one
        List<String> jobs = new ArrayList<>();
        for (int i = 0; jobs.size() <= CategoryRuns.CHUNK; i++) {
            if (CategoryRuns.chunkOf("job_" + i, 2) == 0) {
                jobs.add("job_" + i);
            }
        }
        CategoryRuns.CategoryRun opened = runs.open("RAW", D, null, jobs, T0).run();
        assertThat(opened.chunks()).isEqualTo(2);

        CategoryRuns.Recorded last = null;
        for (String job : jobs) {
            last = runs.record("RAW", D, job, "jr_" + job, JobRunState.SUCCEEDED, T0);
        }

        assertThat(((CategoryRuns.Recorded.Progress) last).run().status()).isEqualTo(CategoryRuns.Status.SUCCEEDED);
        assertThat(runs.get("RAW", D).orElseThrow().succeededAt()).isNotNull();
    }

    @Test
    void shouldSayWhenAJobIsNotInTheManifest_orTheRunDoesNotExist() {
        CategoryRuns runs = new CategoryRuns(newTable(StateTable.SCHEMA), KEEP);
        runs.open("RAW", D, null, List.of("A"), T0);

        assertThat(runs.record("RAW", D, "Z", "jr", JobRunState.SUCCEEDED, T0))
                .isInstanceOf(CategoryRuns.Recorded.NotInManifest.class);
        assertThat(runs.record("RAW", D.plusDays(1), "A", "jr", JobRunState.SUCCEEDED, T0))
                .isInstanceOf(CategoryRuns.Recorded.NoSuchRun.class);
        assertThat(runs.get("RAW", D).orElseThrow().status()).isEqualTo(CategoryRuns.Status.OPEN);
    }

    @Test
    void shouldFindTheLatestUnfinishedRunHoldingAJob() {
        CategoryRuns runs = new CategoryRuns(newTable(StateTable.SCHEMA), KEEP);
        runs.open("RAW", D.minusDays(1), null, List.of("A", "B"), T0);
        runs.open("RAW", D, null, List.of("B"), T0);
        runs.record("RAW", D, "B", "jr", JobRunState.SUCCEEDED, T0);

        assertThat(runs.latestHolding("RAW", "A", 10))
                .map(CategoryRuns.CategoryRun::runDate)
                .contains(D.minusDays(1));
        assertThat(runs.latestHolding("RAW", "B", 10))
                .map(CategoryRuns.CategoryRun::runDate)
                .contains(D.minusDays(1));
        assertThat(runs.latestHolding("RAW", "C", 10)).isEmpty();
        runs.record("RAW", D.minusDays(1), "A", "jr_a", JobRunState.SUCCEEDED, T0);
        runs.record("RAW", D.minusDays(1), "B", "jr_b", JobRunState.SUCCEEDED, T0);
        assertThat(runs.latestHolding("RAW", "B", 10))
                .as("every run holding B succeeded: the latest of them")
                .map(CategoryRuns.CategoryRun::runDate)
                .contains(D);
        assertThat(runs.recent("RAW", 10))
                .extracting(CategoryRuns.CategoryRun::runDate)
                .containsExactly(D, D.minusDays(1));
    }

    @Test
    void shouldLetExactlyOneOfManyConcurrentClaimsTrigger() throws Exception {
        Triggers triggers = new Triggers(newTable(StateTable.SCHEMA), KEEP);
        AtomicInteger won = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String by = "reactor-" + i;
                all.add(pool.submit(() -> {
                    if (triggers.claim(new Triggers.Trigger("STG", D, null, List.of("RAW", "REF"), T0, by))) {
                        won.incrementAndGet();
                    }
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
        }

        assertThat(won).hasValue(1);
        assertThat(triggers.get("STG", D).orElseThrow().causes()).containsExactly("RAW", "REF");
        assertThat(triggers.get("STG", D.plusDays(1))).isEmpty();
    }
}
