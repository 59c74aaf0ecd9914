package dev.switchyard.reactor.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchyard.contracts.Location;
import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.contracts.files.Loaded;
import dev.switchyard.contracts.files.RawRow;
import dev.switchyard.contracts.files.RowFiles;
import dev.switchyard.contracts.table.ControlTableItem;
import dev.switchyard.reactor.store.Condition;
import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.store.Page;
import dev.switchyard.reactor.store.StoreUnavailableException;
import dev.switchyard.reactor.store.TableSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The control table's rules, run against every store: optimistic locking, owned columns, paging, imports. */
public abstract class ControlTableContract {
    private static final Stamp ALICE = new Stamp("alice", Instant.parse("2026-11-27T10:00:00Z"));
    private static final Stamp BOB = new Stamp("bob", Instant.parse("2026-11-27T10:05:00Z"));
    private static final Stamp REACTOR = new Stamp("switchyard-reactor", Instant.parse("2026-11-27T10:06:00Z"));

    /** A new, empty table of this shape; every call gives another table. */
    protected abstract ItemTable newTable(TableSchema schema);

    private static ControlTableItem job(String name, String category, String runCondition) {
        return ControlTableItem.of(name, category, runCondition, "NO");
    }

    private static Loaded<ControlTableItem> file(List<Map<String, Attr>> rows) {
        List<RawRow> raw = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            raw.add(new RawRow(new Location("jobs.csv", i + 2), rows.get(i)));
        }
        return Loaded.decode("jobs.csv", new RowFiles.Rows(raw, List.of()), ControlTableItem::fromAttributes);
    }

    private static Loaded<ControlTableItem> file(ControlTableItem... items) {
        return file(List.of(items).stream().map(ControlTableItem::toAttributes).toList());
    }

    @Test
    void shouldCreateAtVersionOne_stampedWithActorAndTime() {
        ControlTable table = new ControlTable(newTable(ControlTable.SCHEMA));

        ControlTable.Written written = table.put(job("JOB1", "RAW", "MONDAY"), OptionalLong.of(0), ALICE);

        assertThat(written).isEqualTo(new ControlTable.Written("JOB1", ControlTable.Outcome.CREATED, 1));
        assertThat(table.get("JOB1").orElseThrow())
                .containsEntry("Version", Attr.n(1))
                .containsEntry("UpdatedBy", new Attr.S("alice"))
                .containsEntry("UpdatedAt", new Attr.S("2026-11-27T10:00:00Z"))
                .containsEntry("RunCondition", new Attr.S("MONDAY"));
    }

    @Test
    void shouldNotWrite_whenNothingChanges() {
        ControlTable table = new ControlTable(newTable(ControlTable.SCHEMA));
        table.put(job("JOB1", "RAW", "MONDAY"), OptionalLong.empty(), ALICE);

        ControlTable.Written again = table.put(job("JOB1", "RAW", "MONDAY"), OptionalLong.empty(), BOB);

        assertThat(again.outcome()).isEqualTo(ControlTable.Outcome.UNCHANGED);
        assertThat(table.get("JOB1").orElseThrow()).containsEntry("UpdatedBy", new Attr.S("alice"));
    }

    @Test
    void shouldRefuseAWriteWithAStaleVersion_andWriteNothing() {
        ControlTable table = new ControlTable(newTable(ControlTable.SCHEMA));
        table.put(job("JOB1", "RAW", "MONDAY"), OptionalLong.empty(), ALICE);
        table.put(job("JOB1", "RAW", "TUESDAY"), OptionalLong.of(1), BOB);

        assertThatThrownBy(() -> table.put(job("JOB1", "RAW", "FRIDAY"), OptionalLong.of(1), ALICE))
                .isInstanceOf(StaleVersionException.class)
                .hasMessageContaining("expected version 1 but it is version 2, written by bob");
        assertThatThrownBy(() -> table.put(job("JOB1", "RAW", "FRIDAY"), OptionalLong.of(0), ALICE))
                .isInstanceOf(StaleVersionException.class);
        assertThat(table.get("JOB1").orElseThrow())
                .containsEntry("RunCondition", new Attr.S("TUESDAY"))
                .containsEntry("Version", Attr.n(2));
    }

    @Test
    void shouldRefuseAnInvalidRunConditionOrSkipFlag_andWriteNothing() {
        ControlTable table = new ControlTable(newTable(ControlTable.SCHEMA));

        assertThatThrownBy(() -> table.put(job("JOB1", "RAW", "MON, TEUSDAY"), OptionalLong.empty(), ALICE))
                .isInstanceOf(InvalidWriteException.class)
                .hasMessageContaining("TEUSDAY")
                .hasMessageContaining("did you mean TUESDAY");
        assertThatThrownBy(() ->
                        table.put(ControlTableItem.of("JOB2", "RAW", "DAILY", "maybe"), OptionalLong.empty(), ALICE))
                .isInstanceOf(InvalidWriteException.class)
                .hasMessageContaining("SkipFlag");
        assertThat(table.all()).isEmpty();
    }

    @Test
    void shouldAcceptASkippedJobWithoutRunCondition_asTheSeedTableHasOne() {
        ControlTable table = new ControlTable(newTable(ControlTable.SCHEMA));

        table.put(ControlTableItem.of("JOB3", "STG", null, "YES"), OptionalLong.empty(), ALICE);

        assertThat(table.get("JOB3")).isPresent();
    }

    @Test
    void shouldKeepTheReactorsStatus_whenAnOperatorEdits_andTheOperatorsEdit_whenTheReactorWrites() {
        ControlTable table = new ControlTable(newTable(ControlTable.SCHEMA));
        table.put(job("JOB1", "RAW", "MONDAY"), OptionalLong.empty(), ALICE);

        assertThat(table.writeStatus("JOB1", Map.of("StatusFlag", new Attr.S("RUNNING")), Condition.ALWAYS, REACTOR)
                        .outcome())
                .isEqualTo(ControlTable.StatusOutcome.APPLIED);
        // The operator's edit is based on version 1; the status write did not move it.
        table.put(job("JOB1", "RAW", "TUESDAY"), OptionalLong.of(1), BOB);

        assertThat(table.get("JOB1").orElseThrow())
                .containsEntry("StatusFlag", new Attr.S("RUNNING"))
                .containsEntry("RunCondition", new Attr.S("TUESDAY"))
                .containsEntry("Version", Attr.n(2));
    }

    @Test
    void shouldKeepBothWrites_whenAnOperatorEditAndAStatusWriteRaceOnOneItem() throws Exception {
        ControlTable table = new ControlTable(newTable(ControlTable.SCHEMA));
        table.put(job("JOB1", "RAW", "DAY_1"), OptionalLong.empty(), ALICE);
        CyclicBarrier start = new CyclicBarrier(2);
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            for (int round = 2; round <= 21; round++) {
                String condition = "DAY_" + round;
                String status = round % 2 == 0 ? "RUNNING" : "SUCCEEDED";
                Future<?> operator = pool.submit(() -> {
                    start.await();
                    return table.edit("JOB1", item -> withRunCondition(item, condition), OptionalLong.empty(), BOB);
                });
                Future<?> reactor = pool.submit(() -> {
                    start.await();
                    return table.writeStatus(
                            "JOB1", Map.of("StatusFlag", new Attr.S(status)), Condition.ALWAYS, REACTOR);
                });
                operator.get();
                reactor.get();

                assertThat(table.get("JOB1").orElseThrow())
                        .as("round %d", round)
                        .containsEntry("RunCondition", new Attr.S(condition))
                        .containsEntry("StatusFlag", new Attr.S(status))
                        .containsEntry("Version", Attr.n(round));
            }
        }
    }

    @Test
    void shouldApplyAnEditToTheCurrentJob_andRefuseIt_whenAnExpectedVersionIsStale() {
        ControlTable table = new ControlTable(newTable(ControlTable.SCHEMA));
        table.put(job("JOB1", "RAW", "MONDAY"), OptionalLong.empty(), ALICE);
        table.put(job("JOB1", "STG", "MONDAY"), OptionalLong.of(1), BOB);

        assertThatThrownBy(
                        () -> table.edit("JOB1", item -> withRunCondition(item, "FRIDAY"), OptionalLong.of(1), ALICE))
                .isInstanceOf(StaleVersionException.class);
        ControlTable.Written edited =
                table.edit("JOB1", item -> withRunCondition(item, "FRIDAY"), OptionalLong.of(2), ALICE);

        assertThat(edited.version()).isEqualTo(3);
        assertThat(table.get("JOB1").orElseThrow())
                .containsEntry("JobCategory", new Attr.S("STG"))
                .containsEntry("RunCondition", new Attr.S("FRIDAY"));
        assertThatThrownBy(() -> table.edit("GHOST", item -> item, OptionalLong.empty(), ALICE))
                .isInstanceOf(NoSuchItemException.class);
    }

    private static ControlTableItem withRunCondition(ControlTableItem item, String condition) {
        return new ControlTableItem(
                item.jobName(),
                item.environment(),
                item.jobCategory(),
                condition,
                item.skipFlag(),
                item.statusFlag(),
                item.lastRunTimestamp(),
                item.otherColumns());
    }

    @Test
    void shouldNeverCreateAJob_fromAStatusWrite() {
        ControlTable table = new ControlTable(newTable(ControlTable.SCHEMA));

        assertThat(table.writeStatus("GHOST", Map.of("StatusFlag", new Attr.S("RUNNING")), Condition.ALWAYS, REACTOR)
                        .outcome())
                .isEqualTo(ControlTable.StatusOutcome.NO_SUCH_JOB);
        assertThat(table.get("GHOST")).isEmpty();
    }

    @Test
    void shouldReturnTheItem_andRemoveNullColumns_whenAStatusWriteApplies() {
        ControlTable table = new ControlTable(newTable(ControlTable.SCHEMA));
        table.put(job("JOB1", "RAW", "MONDAY"), OptionalLong.empty(), ALICE);
        table.writeStatus("JOB1", Map.of("LastError", new Attr.S("boom")), Condition.ALWAYS, REACTOR);
        Map<String, Attr> columns = new java.util.HashMap<>();
        columns.put("StatusFlag", new Attr.S("RUNNING"));
        columns.put("LastError", null);

        ControlTable.StatusWrite written = table.writeStatus("JOB1", columns, Condition.ALWAYS, REACTOR);

        assertThat(written.outcome()).isEqualTo(ControlTable.StatusOutcome.APPLIED);
        assertThat(written.item())
                .containsEntry("JobCategory", new Attr.S("RAW"))
                .containsEntry("StatusFlag", new Attr.S("RUNNING"))
                .doesNotContainKey("LastError");
        assertThat(table.get("JOB1").orElseThrow()).isEqualTo(written.item());
    }

    @Test
    void shouldReportSuperseded_whenTheStatusGuardIsFalse() {
        ControlTable table = new ControlTable(newTable(ControlTable.SCHEMA));
        table.put(job("JOB1", "RAW", "MONDAY"), OptionalLong.empty(), ALICE);
        table.writeStatus("JOB1", Map.of("StatusFlag", new Attr.S("SUCCEEDED")), Condition.ALWAYS, REACTOR);

        ControlTable.StatusWrite written = table.writeStatus(
                "JOB1",
                Map.of("StatusFlag", new Attr.S("RUNNING")),
                Condition.not(Condition.eq("StatusFlag", new Attr.S("SUCCEEDED"))),
                REACTOR);

        assertThat(written.outcome()).isEqualTo(ControlTable.StatusOutcome.SUPERSEDED);
        assertThat(written.item()).as("the item as it is").containsEntry("StatusFlag", new Attr.S("SUCCEEDED"));
        assertThat(table.get("JOB1").orElseThrow()).containsEntry("StatusFlag", new Attr.S("SUCCEEDED"));
    }

    @Test
    void shouldRefuseAStatusWrite_ofAnOperatorsColumn() {
        ControlTable table = new ControlTable(newTable(ControlTable.SCHEMA));

        assertThatThrownBy(() ->
                        table.writeStatus("JOB1", Map.of("SkipFlag", new Attr.S("YES")), Condition.ALWAYS, REACTOR))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldPageThroughACategory_eachJobOnce_inNameOrder() {
        ControlTable table = new ControlTable(newTable(ControlTable.SCHEMA));
        List<ControlTableItem> jobs = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            jobs.add(job("J%03d".formatted(i), i % 2 == 0 ? "RAW" : "STG", "DAILY"));
        }
        table.importAll(file(jobs.toArray(ControlTableItem[]::new)), ALICE, n -> {});

        List<String> seen = new ArrayList<>();
        Map<String, Attr> after = null;
        int pages = 0;
        do {
            Page page = table.categoryPage("RAW", after, 10);
            page.items().forEach(i -> seen.add(((Attr.S) i.get("JobName")).value()));
            after = page.lastKey();
            pages++;
        } while (after != null);

        assertThat(seen).hasSize(23).isSorted().allMatch(n -> Integer.parseInt(n.substring(1)) % 2 == 0);
        assertThat(pages).isBetween(3, 4);
    }

    @Test
    void shouldReadACategoryOfThousandsOfJobs() {
        ControlTable table = new ControlTable(newTable(ControlTable.SCHEMA));
        List<ControlTableItem> jobs = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            jobs.add(job("daily_job_%05d".formatted(i), i < 2500 ? "RAW" : "STG", "WEEKDAYS"));
        }

        ControlTable.Imported imported = table.importAll(file(jobs.toArray(ControlTableItem[]::new)), ALICE, n -> {});

        assertThat(imported.count(ControlTable.Outcome.CREATED)).isEqualTo(3000);
        List<Map<String, Attr>> raw = table.category("RAW");
        assertThat(raw).hasSize(2500);
        assertThat(raw.getFirst()).containsEntry("JobName", new Attr.S("daily_job_00000"));
        assertThat(raw.getLast()).containsEntry("JobName", new Attr.S("daily_job_02499"));
        assertThat(table.all()).hasSize(3000);
    }

    @Test
    void shouldImportNothing_whenOneRowIsInvalid() {
        ControlTable table = new ControlTable(newTable(ControlTable.SCHEMA));

        assertThatThrownBy(() -> table.importAll(
                        file(job("A", "RAW", "DAILY"), job("B", "RAW", "DAY_32"), job("C", "RAW", "DAILY")),
                        ALICE,
                        n -> {}))
                .isInstanceOf(InvalidWriteException.class)
                .satisfies(e -> assertThat(((InvalidWriteException) e).problems())
                        .singleElement()
                        .satisfies(p -> assertThat(p.location()).isEqualTo(new Location("jobs.csv", 3))));
        assertThat(table.all()).isEmpty();
    }

    @Test
    void shouldImportNothing_whenARowsVersionIsStale() {
        ControlTable table = new ControlTable(newTable(ControlTable.SCHEMA));
        table.put(job("B", "RAW", "DAILY"), OptionalLong.empty(), ALICE);
        table.put(job("B", "RAW", "MONDAY"), OptionalLong.of(1), ALICE);
        Map<String, Attr> exportedAtVersionOne =
                new LinkedHashMap<>(job("B", "RAW", "FRIDAY").toAttributes());
        exportedAtVersionOne.put("Version", new Attr.S("1"));

        assertThatThrownBy(() -> table.importAll(
                        file(List.of(job("A", "RAW", "DAILY").toAttributes(), exportedAtVersionOne)), BOB, n -> {}))
                .isInstanceOf(StaleVersionException.class)
                .hasMessageContaining("B: expected version 1 but it is version 2");
        assertThat(table.get("A")).isEmpty();
        assertThat(table.get("B").orElseThrow()).containsEntry("RunCondition", new Attr.S("MONDAY"));
    }

    @Test
    void shouldLeaveNothingBehind_whenTheStoreFailsMidwayThroughAnImport() {
        ItemTable store = newTable(ControlTable.SCHEMA);
        ControlTable before = new ControlTable(store);
        before.put(job("B", "RAW", "DAILY"), OptionalLong.empty(), ALICE);
        before.writeStatus("B", Map.of("StatusFlag", new Attr.S("SUCCEEDED")), Condition.ALWAYS, REACTOR);
        Map<String, Attr> original = before.get("B").orElseThrow();
        // Writes: A created, B updated, C fails.
        ControlTable failing = new ControlTable(new FailingItemTable(store, 3));

        assertThatThrownBy(() -> failing.importAll(
                        file(job("A", "RAW", "DAILY"), job("B", "RAW", "MONDAY"), job("C", "RAW", "DAILY")),
                        BOB,
                        n -> {}))
                .isInstanceOf(StoreUnavailableException.class);

        ControlTable after = new ControlTable(store);
        assertThat(after.get("A")).isEmpty();
        assertThat(after.get("C")).isEmpty();
        Map<String, Attr> b = after.get("B").orElseThrow();
        assertThat(b.get("RunCondition")).isEqualTo(original.get("RunCondition"));
        assertThat(b.get("StatusFlag")).isEqualTo(new Attr.S("SUCCEEDED"));
    }

    @Test
    void shouldKeepTheReactorsColumns_whenReimportingAnOldExport() {
        ControlTable table = new ControlTable(newTable(ControlTable.SCHEMA));
        ControlTableItem withOldStatus = ControlTableItem.fromAttributes(Map.of(
                        "JobName", new Attr.S("JOB1"),
                        "JobCategory", new Attr.S("RAW"),
                        "RunCondition", new Attr.S("MONDAY"),
                        "StatusFlag", new Attr.S("success"),
                        "LastRunTimestamp", new Attr.S("2026-10-25-T08:00:00Z")))
                .orThrow();
        table.importAll(file(withOldStatus), ALICE, n -> {});
        assertThat(table.get("JOB1").orElseThrow()).containsEntry("StatusFlag", new Attr.S("SUCCEEDED"));
        table.writeStatus("JOB1", Map.of("StatusFlag", new Attr.S("FAILED")), Condition.ALWAYS, REACTOR);

        ControlTable.Imported again = table.importAll(file(withOldStatus), BOB, n -> {});

        assertThat(again.count(ControlTable.Outcome.UNCHANGED)).isEqualTo(1);
        assertThat(again.statusColumnsKept()).isEqualTo(1);
        assertThat(table.get("JOB1").orElseThrow()).containsEntry("StatusFlag", new Attr.S("FAILED"));
    }

    @Test
    void shouldRemoveAnOperatorColumn_thatTheNewRowNoLongerHas() {
        ControlTable table = new ControlTable(newTable(ControlTable.SCHEMA));
        Map<String, Attr> withOwner =
                new LinkedHashMap<>(job("JOB1", "RAW", "DAILY").toAttributes());
        withOwner.put("Owner", new Attr.S("sales"));
        withOwner.put("Environment", new Attr.S("prod"));
        table.importAll(file(List.of(withOwner)), ALICE, n -> {});

        table.put(job("JOB1", "RAW", "DAILY"), OptionalLong.of(1), BOB);

        assertThat(table.get("JOB1").orElseThrow()).doesNotContainKeys("Owner", "Environment");
    }

    @Test
    void shouldDeleteOnlyAtTheExpectedVersion_namingTheDeleterLast() {
        ControlTable table = new ControlTable(newTable(ControlTable.SCHEMA));
        table.put(job("JOB1", "RAW", "DAILY"), OptionalLong.empty(), ALICE);
        table.put(job("JOB1", "RAW", "MONDAY"), OptionalLong.of(1), ALICE);

        assertThatThrownBy(() -> table.delete("JOB1", OptionalLong.of(1), BOB))
                .isInstanceOf(StaleVersionException.class);
        assertThat(table.delete("JOB1", OptionalLong.of(2), BOB).outcome()).isEqualTo(ControlTable.Outcome.DELETED);
        assertThat(table.get("JOB1")).isEmpty();
        assertThatThrownBy(() -> table.delete("JOB1", OptionalLong.empty(), BOB))
                .isInstanceOf(NoSuchItemException.class)
                .hasMessageContaining("no job JOB1");
    }

    @Test
    void shouldLoadStoredRowsAsAFilesRows_forPlanAndValidate() {
        ControlTable table = new ControlTable(newTable(ControlTable.SCHEMA));
        table.put(job("JOB1", "RAW", "DAILY"), OptionalLong.empty(), ALICE);

        Loaded<ControlTableItem> loaded = ControlTable.loaded("sqlite:x.db", table.category("RAW"));

        assertThat(loaded.values())
                .singleElement()
                .satisfies(i -> assertThat(i.jobName()).isEqualTo("JOB1"));
        assertThat(loaded.rows().getFirst().location().toString()).isEqualTo("sqlite:x.db job JOB1");
    }
}
