package dev.switchyard.reactor.react;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchyard.contracts.category.CategoryDefinition;
import dev.switchyard.contracts.event.GlueArguments;
import dev.switchyard.contracts.event.GlueJobEvent;
import dev.switchyard.contracts.orchestration.PlanRequest;
import dev.switchyard.contracts.orchestration.PlanSlice;
import dev.switchyard.contracts.table.ControlTableItem;
import dev.switchyard.contracts.table.JobRunState;
import dev.switchyard.reactor.ports.ExecutionStarter;
import dev.switchyard.reactor.ports.GlueRuns;
import dev.switchyard.reactor.ports.Sink;
import dev.switchyard.reactor.store.InMemoryItemTable;
import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.table.Categories;
import dev.switchyard.reactor.table.ControlTable;
import dev.switchyard.reactor.table.Stamp;
import dev.switchyard.reactor.table.StateTable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class PlanStepTest {
    static final Instant NOW = Instant.parse("2026-11-30T05:00:00Z");
    static final LocalDate D = LocalDate.parse("2026-11-30");

    final ItemTable stateItems = new InMemoryItemTable(StateTable.SCHEMA);
    final ControlTable control = new ControlTable(new InMemoryItemTable(ControlTable.SCHEMA));
    final List<String> starts = new ArrayList<>();
    final Reactor reactor = new Reactor(
            control,
            stateItems,
            new Ports(
                    GlueRuns.NONE,
                    (ExecutionStarter) (c, d, e) -> {
                        starts.add(c + "@" + d);
                        return c;
                    },
                    Sink.discard(),
                    Sink.discard(),
                    Sink.discard()),
            ReactorConfig.defaults());
    final PlanStep step = new PlanStep(reactor, new Categories(stateItems), ZoneId.of("Pacific/Auckland"));

    void jobs(String category, int count, String prefix) {
        Stamp stamp = new Stamp("test", NOW.minusSeconds(60));
        for (int i = 0; i < count; i++) {
            control.put(
                    ControlTableItem.of(String.format("%s%05d", prefix, i), category, "DAILY", "NO"),
                    OptionalLong.empty(),
                    stamp);
        }
    }

    void category(String name, int maxConcurrency, String... dependsOn) {
        new Categories(stateItems)
                .put(
                        new CategoryDefinition(name, List.of(dependsOn), maxConcurrency, Map.of()),
                        OptionalLong.empty(),
                        new Stamp("test", NOW.minusSeconds(60)));
    }

    @Test
    void shouldPlanOnceAndAnswerEveryScheduledJobWithArgumentsAndCounts() {
        jobs("RAW", 3, "raw_");
        control.put(ControlTableItem.of("raw_off", "RAW", "DAILY", "YES"), OptionalLong.empty(), new Stamp("t", NOW));
        category("RAW", 7);

        PlanSlice slice = step.plan(PlanRequest.of("RAW", D, null, false), NOW);

        assertThat(slice.jobs()).containsExactly("raw_00000", "raw_00001", "raw_00002");
        assertThat(slice.maxConcurrency()).isEqualTo(7);
        assertThat(slice.planned()).isEqualTo(3);
        assertThat(slice.notRun()).containsExactly(Map.entry("SKIPPED", 1));
        assertThat(slice.next()).isNull();
        assertThat(slice.arguments())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(GlueArguments.CATEGORY, "RAW", GlueArguments.RUN_DATE, "2026-11-30"));
        assertThat(reactor.categoryRuns().get("RAW", D).orElseThrow().manifestSize())
                .isEqualTo(3);
    }

    @Test
    void shouldTakeTodayInTheZoneAtTheExecutionsStart() {
        jobs("RAW", 1, "raw_");
        // 20:00 UTC on the 29th is already the 30th in Auckland.
        PlanRequest request =
                new PlanRequest("RAW", null, null, 0, false, "RAW-x", Instant.parse("2026-11-29T20:00:00Z"));
        assertThat(step.plan(request, NOW.plusSeconds(86_400)).runDate()).isEqualTo(D);
    }

    @Test
    void shouldSliceALargeCategoryAndContinueFromTheSameManifest() {
        jobs("RAW", 4_500, "raw_");
        PlanSlice first = step.plan(new PlanRequest("RAW", D, null, 0, false, "RAW-2026-11-30", NOW), NOW);
        assertThat(first.jobs()).hasSize(PlanStep.MAX_JOBS);
        assertThat(first.next()).isEqualTo(PlanStep.MAX_JOBS);
        assertThat(first.nextExecutionName()).startsWith("RAW-2026-11-30-").endsWith("-" + PlanStep.MAX_JOBS);

        // A job added after the run opened is not in its manifest, so slices do not move.
        jobs("RAW", 4_501, "raw_");
        List<String> all = new ArrayList<>(first.jobs());
        Integer next = first.next();
        while (next != null) {
            PlanSlice slice = step.plan(new PlanRequest("RAW", D, null, next, false, null, null), NOW);
            assertThat(slice.notRun()).isEmpty();
            all.addAll(slice.jobs());
            next = slice.next();
        }
        assertThat(all).hasSize(4_500).doesNotHaveDuplicates().isSorted();
    }

    @Property(tries = 20)
    void shouldKeepEverySliceUnderTheNameBudget(@ForAll @IntRange(min = 1, max = 250) int nameLength) {
        InMemoryItemTable table = new InMemoryItemTable(ControlTable.SCHEMA);
        ControlTable jobs = new ControlTable(table);
        String padding = "x".repeat(Math.max(0, nameLength - 5));
        IntStream.range(0, 600)
                .forEach(i -> jobs.put(
                        ControlTableItem.of(padding + String.format("%05d", i), "RAW", "DAILY", "NO"),
                        OptionalLong.empty(),
                        new Stamp("t", NOW)));
        InMemoryItemTable state = new InMemoryItemTable(StateTable.SCHEMA);
        Reactor r = new Reactor(
                jobs,
                state,
                new Ports(GlueRuns.NONE, (c, d, e) -> c, Sink.discard(), Sink.discard(), Sink.discard()),
                ReactorConfig.defaults());
        PlanStep planStep = new PlanStep(r, new Categories(state), ZoneId.of("UTC"));
        int total = 0;
        Integer next = 0;
        do {
            PlanSlice slice = planStep.plan(new PlanRequest("RAW", D, null, next, false, null, null), NOW);
            int bytes = slice.jobs().stream().mapToInt(n -> n.length() + 3).sum();
            assertThat(bytes).isLessThanOrEqualTo(PlanStep.MAX_NAME_BYTES);
            assertThat(slice.jobs()).isNotEmpty();
            total += slice.jobs().size();
            next = slice.next();
        } while (next != null);
        assertThat(total).isEqualTo(600);
    }

    private void event(String job, String runId, JobRunState state, int minute) {
        Instant at = NOW.plusSeconds(60L * minute);
        GlueJobEvent.Kind kind = state.isTerminal() ? GlueJobEvent.Kind.STATE_CHANGE : GlueJobEvent.Kind.RUN_STATUS;
        reactor.handle(
                new GlueJobEvent("ev-" + runId + "-" + state, kind, job, runId, state, at, NOW, state.name()), at);
    }

    @Test
    void shouldRerunTheFailedJobsAndThoseThatNeverStarted_notThoseRunning() {
        jobs("RAW", 4, "raw_");
        step.plan(PlanRequest.of("RAW", D, null, false), NOW);
        event("raw_00000", "jr_a", JobRunState.SUCCEEDED, 1);
        event("raw_00001", "jr_b", JobRunState.FAILED, 2);
        event("raw_00002", "jr_c", JobRunState.RUNNING, 3);
        // raw_00003 never started: an execution stopped midway left it.

        PlanSlice rerun = step.plan(PlanRequest.of("RAW", D, null, true), NOW);

        assertThat(rerun.jobs()).containsExactly("raw_00001", "raw_00003");
        assertThat(rerun.rerun()).isTrue();

        // Once raw_00002 has failed too, and raw_00001 succeeded on its re-run, a second re-run takes raw_00002.
        event("raw_00002", "jr_c", JobRunState.FAILED, 4);
        event("raw_00001", "jr_d", JobRunState.SUCCEEDED, 5);
        assertThat(step.plan(PlanRequest.of("RAW", D, null, true), NOW).jobs())
                .containsExactly("raw_00002", "raw_00003");
    }

    @Test
    void shouldRerunAJobDeletedFromTheTableThatNeverStarted() {
        jobs("RAW", 2, "raw_");
        step.plan(PlanRequest.of("RAW", D, null, false), NOW);
        event("raw_00000", "jr_a", JobRunState.FAILED, 1);
        control.delete("raw_00001", OptionalLong.empty(), new Stamp("bob", NOW));

        assertThat(step.plan(PlanRequest.of("RAW", D, null, true), NOW).jobs())
                .containsExactly("raw_00000", "raw_00001");
    }

    @Test
    void shouldAnswerTheSameSliceWhenTheOpeningExecutionPlansAgain() {
        jobs("RAW", 3, "raw_");
        PlanRequest request = new PlanRequest("RAW", D, null, 0, false, "RAW-2026-11-30", NOW);

        PlanSlice first = step.plan(request, NOW);
        PlanSlice retried = step.plan(request, NOW.plusSeconds(5));

        assertThat(retried.jobs()).isEqualTo(first.jobs()).hasSize(3);
        assertThat(retried.notRun()).doesNotContainKey(PlanStep.RUN_ALREADY_OPEN);
        PlanSlice other = step.plan(new PlanRequest("RAW", D, null, 0, false, "a-scheduled-start", NOW), NOW);
        assertThat(other.jobs()).isEmpty();
        assertThat(other.notRun()).containsEntry(PlanStep.RUN_ALREADY_OPEN, 3);
    }

    @Test
    void shouldStartNothingInASecondExecutionOfAnOpenRun() {
        jobs("RAW", 3, "raw_");
        step.plan(PlanRequest.of("RAW", D, null, false), NOW);

        PlanSlice again = step.plan(PlanRequest.of("RAW", D, null, false), NOW);

        assertThat(again.jobs()).isEmpty();
        assertThat(again.notRun()).containsExactly(Map.entry(PlanStep.RUN_ALREADY_OPEN, 3));
        assertThat(again.next()).isNull();
    }

    @Test
    void shouldNameContinuationsWithinStepFunctionsLimitWhateverTheCategory() {
        String name = PlanStep.continuation("C".repeat(200), D, "x".repeat(80), 123_000);
        assertThat(name).hasSizeLessThanOrEqualTo(80).endsWith("-123000").matches("[A-Za-z0-9_-]+");
        assertThat(PlanStep.continuation("RAW", D, "RAW-2026-11-30", 1_000))
                .startsWith("RAW-2026-11-30-")
                .endsWith("-1000")
                .isNotEqualTo(PlanStep.continuation("RAW", D, "RAW-2026-11-30-rerun", 1_000))
                .isEqualTo(PlanStep.continuation("RAW", D, "RAW-2026-11-30", 1_000));
    }

    @Test
    void shouldChainAtOnceFromAnEmptyManifest() {
        jobs("STG", 1, "stg_");
        category("RAW", 5);
        category("STG", 5, "RAW");

        PlanSlice slice = step.plan(PlanRequest.of("RAW", D, null, false), NOW);

        assertThat(slice.jobs()).isEmpty();
        assertThat(starts).containsExactly("STG@" + D);
    }

    @Test
    void shouldRefuseWhatCannotBePlanned() {
        assertThatThrownBy(() -> step.plan(PlanRequest.of("RWA", D, null, false), NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("category 'RWA' has no job");
        assertThatThrownBy(() -> step.plan(PlanRequest.of("RAW", D, null, true), NOW))
                .hasMessageContaining("no category run of RAW for 2026-11-30 is open");
        jobs("RAW", 2, "raw_");
        step.plan(PlanRequest.of("RAW", D, null, false), NOW);
        assertThatThrownBy(() -> step.plan(new PlanRequest("RAW", D, null, 3, false, null, null), NOW))
                .hasMessageContaining("Offset 3 is past the end");
    }
}
