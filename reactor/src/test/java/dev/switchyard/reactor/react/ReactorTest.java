package dev.switchyard.reactor.react;

import static dev.switchyard.reactor.react.Histories.D;
import static dev.switchyard.reactor.react.Histories.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.contracts.domain.DomainEvent;
import dev.switchyard.contracts.event.ExecutionStatusChanged;
import dev.switchyard.contracts.event.GlueArguments;
import dev.switchyard.contracts.event.GlueJobEvent;
import dev.switchyard.contracts.metric.JobRunMetric;
import dev.switchyard.contracts.table.JobRunState;
import dev.switchyard.reactor.ports.GlueRun;
import dev.switchyard.reactor.runs.CategoryRuns;
import dev.switchyard.reactor.runs.RunHistory;
import dev.switchyard.reactor.store.InMemoryItemTable;
import dev.switchyard.reactor.table.Categories;
import dev.switchyard.reactor.table.ControlTable;
import dev.switchyard.reactor.table.StateTable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reactor's rules one example at a time, on the in-memory store. */
class ReactorTest {
    private final World world =
            World.of(new InMemoryItemTable(ControlTable.SCHEMA), new InMemoryItemTable(StateTable.SCHEMA), List.of());

    private static GlueRun run(
            String job, String runId, JobRunState state, Instant start, Instant end, String category) {
        return new GlueRun(
                job,
                runId,
                state,
                start,
                end,
                end == null ? null : Duration.between(start, end).toSeconds() - 5,
                1,
                10.0,
                "G.2X",
                5,
                state == JobRunState.FAILED ? "OutOfMemoryError: Java heap space" : null,
                category == null
                        ? Map.of()
                        : Map.of(GlueArguments.CATEGORY, category, GlueArguments.RUN_DATE, D.toString()));
    }

    private static GlueJobEvent running(String job, String runId, Instant at) {
        return Histories.event(runId + "-r", GlueJobEvent.Kind.RUN_STATUS, job, runId, JobRunState.RUNNING, at, at);
    }

    private static GlueJobEvent ended(String job, String runId, JobRunState state, Instant at) {
        return Histories.event(runId + "-e", GlueJobEvent.Kind.STATE_CHANGE, job, runId, state, at, null);
    }

    @Test
    void shouldCountAndIgnoreAnEvent_whenItsJobIsNotInTheTable() {
        Outcome outcome = world.deliver(ended("ghost_job", "jr_1", JobRunState.SUCCEEDED, T0));

        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.UNKNOWN_JOB);
        assertThat(outcome.detail()).contains("ghost_job");
        assertThat(world.metrics).isEmpty();
        assertThat(new RunHistory(world.stateItems, Duration.ofDays(1)).entry("ghost_job", "jr_1"))
                .isEmpty();
    }

    @Test
    void shouldWriteTheRunsColumns_andTheMetricFromGetJobRun_whenAJobFails() {
        world.open(T0, "RAW");
        Instant start = T0.plusSeconds(10);
        Instant end = T0.plusSeconds(130);
        world.glue.put(run("raw_orders", "jr_1", JobRunState.FAILED, start, end, "RAW"));

        world.deliver(running("raw_orders", "jr_1", start));
        Outcome outcome = world.deliver(ended("raw_orders", "jr_1", JobRunState.FAILED, end));

        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.APPLIED);
        assertThat(world.control.get("raw_orders").orElseThrow())
                .containsEntry("StatusFlag", new Attr.S("FAILED"))
                .containsEntry("LastRunTimestamp", new Attr.S("2026-11-30T06:02:10Z"))
                .containsEntry("LastRunId", new Attr.S("jr_1"))
                .containsEntry("LastRunStartedOn", new Attr.S("2026-11-30T06:00:10Z"))
                .containsEntry("LastRunDate", new Attr.S("2026-11-30"))
                .containsEntry("LastDurationSeconds", Attr.n(120))
                .containsEntry("LastError", new Attr.S("OutOfMemoryError: Java heap space"))
                .containsEntry("UpdatedBy", new Attr.S(World.ACTOR));
        JobRunMetric metric = world.metrics.getFirst();
        assertThat(metric.metricId()).isEqualTo(JobRunMetric.metricId("raw_orders", "jr_1", JobRunState.FAILED));
        assertThat(metric)
                .extracting(
                        JobRunMetric::jobCategory,
                        JobRunMetric::runDate,
                        JobRunMetric::durationSeconds,
                        JobRunMetric::executionTimeSeconds,
                        JobRunMetric::attempt,
                        JobRunMetric::maxCapacity,
                        JobRunMetric::workerType,
                        JobRunMetric::numberOfWorkers)
                .containsExactly("RAW", D, 120L, 115L, 1, 10.0, "G.2X", 5);
        assertThat(world.domainEvents).isEmpty(); // other RAW jobs are still pending
    }

    @Test
    void shouldClearTheLastError_whenTheNextRunSucceeds() {
        world.open(T0, "RAW");
        world.glue.put(run("raw_orders", "jr_1", JobRunState.FAILED, T0, T0.plusSeconds(60), "RAW"));
        world.glue.put(
                run("raw_orders", "jr_2", JobRunState.SUCCEEDED, T0.plusSeconds(120), T0.plusSeconds(180), "RAW"));

        world.deliver(ended("raw_orders", "jr_1", JobRunState.FAILED, T0.plusSeconds(60)));
        world.deliver(ended("raw_orders", "jr_2", JobRunState.SUCCEEDED, T0.plusSeconds(180)));

        assertThat(world.control.get("raw_orders").orElseThrow())
                .containsEntry("StatusFlag", new Attr.S("SUCCEEDED"))
                .containsEntry("LastRunId", new Attr.S("jr_2"))
                .doesNotContainKey("LastError");
    }

    @Test
    void shouldAttributeARunWithoutArguments_toTheLatestOpenRunHoldingTheJob() {
        world.open(T0, "RAW");
        world.glue.put(run("raw_items", "jr_manual", JobRunState.SUCCEEDED, T0, T0.plusSeconds(60), null));

        world.deliver(ended("raw_items", "jr_manual", JobRunState.SUCCEEDED, T0.plusSeconds(60)));

        assertThat(world.categoryRuns.manifest("RAW", D))
                .filteredOn(e -> e.jobName().equals("raw_items"))
                .extracting(CategoryRuns.Entry::state, CategoryRuns.Entry::jobRunId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("SUCCEEDED", "jr_manual"));
        assertThat(world.metrics.getFirst().runDate()).isEqualTo(D);
    }

    @Test
    void shouldDeferAnEvent_whenGluesArgumentsNameARunThatIsNotOpen_andHandleItOnceItOpens() {
        world.glue.put(run("raw_items", "jr_1", JobRunState.SUCCEEDED, T0, T0.plusSeconds(60), "RAW"));

        Outcome outcome = world.deliver(ended("raw_items", "jr_1", JobRunState.SUCCEEDED, T0.plusSeconds(60)));
        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.DEFERRED);
        assertThat(world.control.get("raw_items").orElseThrow()).containsEntry("StatusFlag", new Attr.S("SUCCEEDED"));
        assertThat(world.metrics).isEmpty();

        world.open(T0.plusSeconds(61), "RAW");

        assertThat(world.deferred()).isEmpty();
        assertThat(world.metrics).hasSize(1);
        assertThat(world.categoryRuns.manifest("RAW", D))
                .filteredOn(e -> e.jobName().equals("raw_items"))
                .extracting(CategoryRuns.Entry::state)
                .containsExactly("SUCCEEDED");
    }

    @Test
    void shouldUnblockAndTrigger_whenAFailedJobIsReRunForTheRunDateAndSucceeds() {
        world.open(T0, "RAW", "REF");
        int n = 0;
        for (String job : List.of("raw_orders", "raw_customers", "ref_calendar")) {
            world.glue.put(run(
                    job,
                    "jr_" + n,
                    JobRunState.SUCCEEDED,
                    T0,
                    T0.plusSeconds(60 + n),
                    job.startsWith("raw") ? "RAW" : "REF"));
            world.deliver(ended(job, "jr_" + n, JobRunState.SUCCEEDED, T0.plusSeconds(60 + n)));
            n++;
        }
        world.glue.put(run("raw_items", "jr_f", JobRunState.FAILED, T0, T0.plusSeconds(90), "RAW"));
        world.deliver(ended("raw_items", "jr_f", JobRunState.FAILED, T0.plusSeconds(90)));

        assertThat(world.categoryRuns.get("RAW", D).orElseThrow().status()).isEqualTo(CategoryRuns.Status.BLOCKED);
        assertThat(world.domainEvents)
                .containsExactly(
                        new DomainEvent.CategoryRunSucceeded("REF", D, null, T0.plusSeconds(62)),
                        new DomainEvent.CategoryRunBlocked("RAW", D, null, List.of("raw_items"), T0.plusSeconds(90)));
        assertThat(world.starts).isEmpty();

        world.glue.put(
                run("raw_items", "jr_r", JobRunState.SUCCEEDED, T0.plusSeconds(300), T0.plusSeconds(400), "RAW"));
        world.deliver(ended("raw_items", "jr_r", JobRunState.SUCCEEDED, T0.plusSeconds(400)));

        assertThat(world.categoryRuns.get("RAW", D).orElseThrow().status()).isEqualTo(CategoryRuns.Status.SUCCEEDED);
        assertThat(world.starts).containsExactly("STG@" + D);
        assertThat(world.domainEvents)
                .contains(
                        new DomainEvent.CategoryRunSucceeded("RAW", D, null, T0.plusSeconds(400)),
                        new DomainEvent.CategoryTriggered("STG", D, null, List.of("RAW", "REF"), T0.plusSeconds(400)));
    }

    @Test
    void shouldChainAtOnce_whenADownstreamRunHasNothingScheduled() {
        Categories categories = new Categories(world.stateItems);
        categories.put(
                dev.switchyard.contracts.category.CategoryDefinition.of("EMPTY", List.of(), 10),
                java.util.OptionalLong.empty(),
                new dev.switchyard.reactor.table.Stamp("alice", T0));
        categories.put(
                dev.switchyard.contracts.category.CategoryDefinition.of("AFTER_EMPTY", List.of("EMPTY"), 10),
                java.util.OptionalLong.empty(),
                new dev.switchyard.reactor.table.Stamp("alice", T0));

        world.open(T0, "EMPTY");

        assertThat(world.categoryRuns.get("EMPTY", D).orElseThrow().status()).isEqualTo(CategoryRuns.Status.SUCCEEDED);
        assertThat(world.starts).containsExactly("AFTER_EMPTY@" + D);
    }

    @Test
    void shouldChainFromASucceededRun_whenItsExecutionEnds_asASafetyNet() {
        world.open(T0, "REF");
        world.glue.put(run("ref_calendar", "jr_1", JobRunState.SUCCEEDED, T0, T0.plusSeconds(5), "REF"));
        world.deliver(ended("ref_calendar", "jr_1", JobRunState.SUCCEEDED, T0.plusSeconds(5)));
        world.open(T0, "RAW");
        for (String job : List.of("raw_orders", "raw_customers", "raw_items")) {
            world.glue.put(run(job, "jr_" + job, JobRunState.SUCCEEDED, T0, T0.plusSeconds(9), "RAW"));
            world.deliver(ended(job, "jr_" + job, JobRunState.SUCCEEDED, T0.plusSeconds(9)));
        }
        assertThat(world.starts).containsExactly("STG@" + D);

        Outcome again = world.deliver(new ExecutionStatusChanged(
                "ev-1",
                T0.plusSeconds(20),
                "arn:aws:states:eu-west-1:1:execution:sm:RAW-" + D,
                ExecutionStatusChanged.Status.SUCCEEDED,
                "RAW",
                D,
                null));
        Outcome unnamed = world.deliver(new ExecutionStatusChanged(
                "ev-2",
                T0.plusSeconds(20),
                "arn:aws:states:eu-west-1:1:execution:sm:x",
                ExecutionStatusChanged.Status.SUCCEEDED,
                null,
                null,
                null));

        assertThat(again.kind()).isEqualTo(Outcome.Kind.APPLIED);
        assertThat(again.triggered()).isEmpty();
        assertThat(world.starts).containsExactly("STG@" + D);
        assertThat(unnamed.kind()).isEqualTo(Outcome.Kind.IGNORED);
    }

    @Test
    void shouldDeriveTheRunsStart_fromItsStatusEvent_whenGlueCannotBeAsked() {
        world.open(T0, "RAW");
        world.deliver(running("raw_orders", "jr_1", T0.plusSeconds(5)));
        world.deliver(ended("raw_orders", "jr_1", JobRunState.SUCCEEDED, T0.plusSeconds(65)));

        JobRunMetric metric = world.metrics.getFirst();
        assertThat(metric.startedOn()).isEqualTo(T0.plusSeconds(5));
        assertThat(metric.durationSeconds()).isEqualTo(60);
        assertThat(metric.executionTimeSeconds()).isNull();
        assertThat(metric.runDate()).isEqualTo(D);
    }

    @Test
    void shouldReconcile_aRunStuckInRunning_andAManifestJobWhoseEventsNeverCame() {
        world.open(T0, "REF");
        world.deliver(running("ref_calendar", "jr_1", T0.plusSeconds(5)));
        // Glue finished the run, but its final event was lost
        world.glue.put(
                run("ref_calendar", "jr_1", JobRunState.SUCCEEDED, T0.plusSeconds(5), T0.plusSeconds(600), "REF"));
        world.open(T0, "RAW");
        for (String job : List.of("raw_orders", "raw_customers", "raw_items")) {
            // no event at all arrived for these runs
            world.glue.put(
                    run(job, "jr_" + job, JobRunState.SUCCEEDED, T0.plusSeconds(10), T0.plusSeconds(700), "RAW"));
        }
        Reconciler reconciler = new Reconciler(world.reactor(), world.glue);

        Reconciler.Report early = reconciler.sweep(T0.plusSeconds(3_600));
        assertThat(early.runsFound()).isZero();

        Reconciler.Report report = reconciler.sweep(T0.plus(Duration.ofHours(3)));

        assertThat(report.jobsStuck()).isEqualTo(1);
        assertThat(report.entriesPending())
                .as("RAW's three; REF's job was mended by the first part")
                .isEqualTo(3);
        assertThat(report.runsFound()).isEqualTo(4);
        assertThat(world.control.get("ref_calendar").orElseThrow())
                .containsEntry("StatusFlag", new Attr.S("SUCCEEDED"));
        assertThat(world.categoryRuns.get("RAW", D).orElseThrow().status()).isEqualTo(CategoryRuns.Status.SUCCEEDED);
        assertThat(world.triggers.get("STG", D)).isPresent();
        assertThat(reconciler.sweep(T0.plus(Duration.ofHours(4))).runsFound())
                .as("nothing left")
                .isZero();
    }

    @Test
    void shouldCountAResultInItsCategoryRun_whenTheJobWasDeletedAfterThePlan() {
        world.open(T0, "REF");
        world.control.delete(
                "ref_calendar", java.util.OptionalLong.empty(), new dev.switchyard.reactor.table.Stamp("bob", T0));
        world.glue.put(run("ref_calendar", "jr_1", JobRunState.SUCCEEDED, T0, T0.plusSeconds(60), "REF"));

        Outcome outcome = world.deliver(ended("ref_calendar", "jr_1", JobRunState.SUCCEEDED, T0.plusSeconds(60)));

        assertThat(outcome.kind()).isEqualTo(Outcome.Kind.UNKNOWN_JOB);
        assertThat(outcome.detail()).contains("no longer in the control table");
        assertThat(world.categoryRuns.get("REF", D).orElseThrow().status()).isEqualTo(CategoryRuns.Status.SUCCEEDED);
        assertThat(world.metrics)
                .singleElement()
                .satisfies(m -> assertThat(m.jobCategory()).isEqualTo("REF"));
        assertThat(world.control.get("ref_calendar")).as("not brought back").isEmpty();
    }

    @Test
    void shouldStartAClaimedRunOnReconcile_whenTheStartFailedAfterTheClaim() {
        boolean[] failOnce = {true};
        World flaky = world.instance(port -> port instanceof dev.switchyard.reactor.ports.ExecutionStarter starter
                ? (dev.switchyard.reactor.ports.ExecutionStarter) (c, d, e) -> {
                    if (failOnce[0]) {
                        failOnce[0] = false;
                        throw new IllegalStateException("ExecutionLimitExceeded (injected)");
                    }
                    return starter.start(c, d, e);
                }
                : port);
        flaky.open(T0, "REF");
        world.glue.put(run("ref_calendar", "jr_1", JobRunState.SUCCEEDED, T0, T0.plusSeconds(5), "REF"));
        world.deliver(ended("ref_calendar", "jr_1", JobRunState.SUCCEEDED, T0.plusSeconds(5)));
        flaky.open(T0, "RAW");
        for (String job : List.of("raw_orders", "raw_customers", "raw_items")) {
            world.glue.put(run(job, "jr_" + job, JobRunState.SUCCEEDED, T0, T0.plusSeconds(9), "RAW"));
        }
        flaky.deliver(ended("raw_orders", "jr_raw_orders", JobRunState.SUCCEEDED, T0.plusSeconds(9)));
        flaky.deliver(ended("raw_customers", "jr_raw_customers", JobRunState.SUCCEEDED, T0.plusSeconds(9)));
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        flaky.deliver(ended("raw_items", "jr_raw_items", JobRunState.SUCCEEDED, T0.plusSeconds(9))))
                .hasMessageContaining("injected");
        // the claim holds, no execution: and the event is never redelivered (its retries ran out)
        assertThat(world.triggers.get("STG", D).orElseThrow().execution()).isNull();
        assertThat(world.starts).isEmpty();

        Reconciler reconciler = new Reconciler(flaky.reactor(), world.glue);
        Reconciler.Report report = reconciler.sweep(
                T0.plusSeconds(9).plus(Reconciler.TRIGGER_GRACE).plusSeconds(1));

        assertThat(report.triggersStarted()).isEqualTo(1);
        assertThat(world.starts).containsExactly("STG@" + D);
        assertThat(world.triggers.get("STG", D).orElseThrow().execution()).isNotNull();
        assertThat(world.domainEvents)
                .filteredOn(e -> e instanceof DomainEvent.CategoryTriggered)
                .hasSize(1);
        assertThat(reconciler.sweep(T0.plus(Duration.ofHours(1))).triggersStarted())
                .as("once")
                .isZero();
    }

    @Test
    void shouldGoOnPastAJobThatFails_andReportIt() {
        world.open(T0, "REF");
        world.deliver(running("ref_calendar", "jr_1", T0.plusSeconds(5)));
        world.open(T0, "RAW");
        world.glue.put(run("raw_orders", "jr_o", JobRunState.SUCCEEDED, T0.plusSeconds(10), T0.plusSeconds(20), "RAW"));
        dev.switchyard.reactor.ports.GlueRuns failing = new dev.switchyard.reactor.ports.GlueRuns() {
            @Override
            public java.util.Optional<GlueRun> jobRun(String jobName, String jobRunId) {
                throw new IllegalStateException("AccessDeniedException for " + jobName + " (injected)");
            }

            @Override
            public List<GlueRun> jobRuns(String jobName, int max) {
                return world.glue.jobRuns(jobName, max);
            }
        };
        Reconciler reconciler = new Reconciler(world.reactor(), failing);

        Reconciler.Report report = reconciler.sweep(T0.plus(Duration.ofHours(3)));

        assertThat(report.failures())
                .singleElement()
                .asString()
                .contains("ref_calendar")
                .contains("AccessDenied");
        assertThat(report.runsFound()).as("the sweep went on to RAW's manifest").isEqualTo(1);
        assertThat(world.control.get("raw_orders").orElseThrow()).containsEntry("StatusFlag", new Attr.S("SUCCEEDED"));
    }
}
