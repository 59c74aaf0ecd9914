package dev.switchyard.reactor.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchyard.contracts.attr.Attr;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ItemTable} does, run against each store: DynamoDB's API (dynalite), SQLite and
 * memory. Where the embedded stores evaluate expressions themselves, these cases pin them to DynamoDB's
 * behaviour.
 */
public abstract class ItemTableContract {

    /** Keyed by name alone, with a global index on category: the control table's shape. */
    public static final TableSchema BY_NAME = new TableSchema(
            "contract_jobs",
            "JobName",
            null,
            List.of(new TableSchema.Index("JobCategory-index", "JobCategory", "JobName", false)),
            true,
            null);

    /** Partition and sort key, with a local index on a time attribute: the reactor's records' shape. */
    public static final TableSchema COMPOSITE = new TableSchema(
            "contract_state",
            "PK",
            "SK",
            List.of(new TableSchema.Index("ByTime", "PK", "At", true)),
            false,
            "ExpiresAt");

    /** A new, empty table of this shape; every call gives another table. */
    protected abstract ItemTable newTable(TableSchema schema);

    /** An item from names and values: strings, numbers, booleans or {@link Attr}s. */
    public static Map<String, Attr> item(Object... keysAndValues) {
        Map<String, Attr> item = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            Object v = keysAndValues[i + 1];
            item.put(
                    (String) keysAndValues[i],
                    switch (v) {
                        case Attr a -> a;
                        case String s -> new Attr.S(s);
                        case Integer n -> Attr.n(n);
                        case Long n -> Attr.n(n);
                        case Boolean b -> new Attr.Bool(b);
                        default -> throw new IllegalArgumentException(String.valueOf(v));
                    });
        }
        return item;
    }

    private static Map<String, Attr> job(String name) {
        return item("JobName", name);
    }

    private static Map<String, Attr> state(String pk, String sk) {
        return item("PK", pk, "SK", sk);
    }

    @Test
    void shouldReadBackEveryTypeAsWritten() {
        ItemTable table = newTable(BY_NAME);
        Map<String, Attr> written = item(
                "JobName", "JOB1",
                "Text", "hé ✓",
                "Count", new Attr.N("-12.50"),
                "On", true,
                "Nothing", new Attr.Null(),
                "List", new Attr.L(List.of(new Attr.S("a"), Attr.n(1))),
                "Map", new Attr.M(Map.of("k", new Attr.M(Map.of("deep", new Attr.S("v"))))),
                "Tags", new Attr.SS(List.of("z", "a")),
                "Ids", new Attr.NS(List.of("3", "1.5")),
                "Blob", new Attr.B("AAEC"),
                "Blobs", new Attr.BS(List.of("/w==", "AAEC")));

        assertThat(table.put(written, Condition.ALWAYS)).isEqualTo(new WriteResult.Applied(written));
        assertThat(table.get(job("JOB1"))).contains(written);
        assertThat(table.get(job("JOB2"))).isEmpty();
    }

    @Test
    void shouldPutOnlyOnce_whenConditionedOnAbsence() {
        ItemTable table = newTable(BY_NAME);
        Condition absent = Condition.notExists("JobName");

        assertThat(table.put(item("JobName", "J", "V", 1), absent).applied()).isTrue();
        assertThat(table.put(item("JobName", "J", "V", 2), absent)).isEqualTo(new WriteResult.ConditionFailed());
        assertThat(table.get(job("J")).orElseThrow().get("V")).isEqualTo(Attr.n(1));
    }

    @Test
    void shouldCreateTheItemWithItsKey_whenUpdatingAMissingOne() {
        ItemTable table = newTable(COMPOSITE);

        WriteResult result = table.update(
                state("P", "S"), Update.builder().set("A", new Attr.S("x")).build(), Condition.ALWAYS);

        assertThat(result).isEqualTo(new WriteResult.Applied(item("PK", "P", "SK", "S", "A", "x")));
    }

    @Test
    void shouldRefuseAnUpdate_whenAnAttributeRequiredToExistIsMissing() {
        ItemTable table = newTable(BY_NAME);

        WriteResult result = table.update(
                job("GONE"),
                Update.builder().set("StatusFlag", new Attr.S("RUNNING")).build(),
                Condition.exists("JobName"));

        assertThat(result).isEqualTo(new WriteResult.ConditionFailed());
        assertThat(table.get(job("GONE"))).isEmpty();
    }

    @Test
    void shouldCompareAsDynamoDbDoes() {
        ItemTable table = newTable(BY_NAME);
        table.put(
                item("JobName", "J", "Version", 3, "State", "RUNNING", "Started", "2026-11-30T08:00:00Z"),
                Condition.ALWAYS);
        Path version = Path.of("Version");

        List<Condition> holding = List.of(
                Condition.eq("Version", new Attr.N("3.0")),
                Condition.compare(version, Condition.Op.NE, Attr.n(4)),
                Condition.compare(version, Condition.Op.LT, Attr.n(10)), // numbers by value, not text
                Condition.compare(version, Condition.Op.GE, Attr.n(3)),
                Condition.compare(Path.of("Started"), Condition.Op.LT, new Attr.S("2026-11-30T09:00:00Z")),
                // a missing attribute is unequal to anything...
                Condition.compare(Path.of("Missing"), Condition.Op.NE, new Attr.S("x")),
                // ...and so is a value of another type
                Condition.compare(version, Condition.Op.NE, new Attr.S("3")),
                new Condition.BeginsWith(Path.of("State"), "RUN"),
                new Condition.Contains(Path.of("State"), new Attr.S("UNN")),
                Condition.not(Condition.exists("Missing")),
                Condition.or(Condition.exists("Missing"), Condition.exists("State")),
                Condition.and(Condition.exists("State"), Condition.notExists("Missing")));
        List<Condition> failing = List.of(
                Condition.eq("Version", Attr.n(4)),
                Condition.eq("Version", new Attr.S("3")),
                Condition.compare(version, Condition.Op.GT, Attr.n(3)),
                // ...and neither less nor greater
                Condition.compare(Path.of("Missing"), Condition.Op.LT, Attr.n(1)),
                Condition.compare(Path.of("Missing"), Condition.Op.GE, Attr.n(1)),
                Condition.compare(Path.of("State"), Condition.Op.LT, Attr.n(1)),
                new Condition.BeginsWith(Path.of("State"), "UNN"),
                new Condition.BeginsWith(version, "3"),
                Condition.eq("Missing", new Attr.Null()));

        for (Condition condition : holding) {
            assertThat(table.update(
                                    job("J"),
                                    Update.builder()
                                            .set("Seen", new Attr.S("y"))
                                            .build(),
                                    condition)
                            .applied())
                    .as("holds: %s", condition)
                    .isTrue();
        }
        for (Condition condition : failing) {
            assertThat(table.update(
                                    job("J"),
                                    Update.builder()
                                            .set("Seen", new Attr.S("n"))
                                            .build(),
                                    condition)
                            .applied())
                    .as("fails: %s", condition)
                    .isFalse();
        }
        assertThat(table.get(job("J")).orElseThrow().get("Seen")).isEqualTo(new Attr.S("y"));
    }

    @Test
    void shouldOrderStringsByUtf8Bytes() {
        ItemTable table = newTable(BY_NAME);
        // U+FF61 sorts before U+1F600 in UTF-8 (and code points), after it in Java's UTF-16 order.
        table.put(item("JobName", "J", "Name", "\uFF61"), Condition.ALWAYS);

        assertThat(table.update(
                                job("J"),
                                Update.builder().set("Seen", new Attr.S("y")).build(),
                                Condition.compare(Path.of("Name"), Condition.Op.LT, new Attr.S("\uD83D\uDE00")))
                        .applied())
                .isTrue();
    }

    @Test
    void shouldTestSetAndListMembership() {
        ItemTable table = newTable(BY_NAME);
        table.put(
                item(
                        "JobName", "J",
                        "Done", new Attr.SS(List.of("A", "B")),
                        "Ids", new Attr.NS(List.of("1", "2")),
                        "L", new Attr.L(List.of(new Attr.S("x")))),
                Condition.ALWAYS);

        assertThat(test(table, new Condition.Contains(Path.of("Done"), new Attr.S("A"))))
                .isTrue();
        assertThat(test(table, new Condition.Contains(Path.of("Done"), new Attr.S("C"))))
                .isFalse();
        assertThat(test(table, new Condition.Contains(Path.of("Ids"), new Attr.N("2.0"))))
                .isTrue();
        assertThat(test(table, new Condition.Contains(Path.of("L"), new Attr.S("x"))))
                .isTrue();
        assertThat(test(table, new Condition.Contains(Path.of("Missing"), new Attr.S("x"))))
                .isFalse();
    }

    private static boolean test(ItemTable table, Condition condition) {
        return table.update(
                        item("JobName", "J"),
                        Update.builder().set("Probe", new Attr.Bool(true)).build(),
                        condition)
                .applied();
    }

    @Test
    void shouldSetAndRemoveNestedMapEntries() {
        ItemTable table = newTable(COMPOSITE);
        table.put(
                item(
                        "PK",
                        "P",
                        "SK",
                        "S",
                        "Jobs",
                        new Attr.M(Map.of("A", new Attr.M(Map.of("State", new Attr.S("RUNNING")))))),
                Condition.ALWAYS);
        Path aState = Path.of("Jobs", "A", "State");

        table.update(
                state("P", "S"),
                Update.builder()
                        .set(aState, new Attr.S("SUCCEEDED"))
                        .set(Path.of("Jobs", "B.with.dots"), new Attr.M(Map.of()))
                        .build(),
                Condition.compare(aState, Condition.Op.EQ, new Attr.S("RUNNING")));
        Map<String, Attr> after = table.get(state("P", "S")).orElseThrow();

        assertThat(Expressions.resolve(after, aState)).isEqualTo(new Attr.S("SUCCEEDED"));
        assertThat(Expressions.resolve(after, Path.of("Jobs", "B.with.dots"))).isEqualTo(new Attr.M(Map.of()));
        table.update(
                state("P", "S"),
                Update.builder().add(new Update.Remove(Path.of("Jobs", "A"))).build(),
                Condition.ALWAYS);
        assertThat(((Attr.M) table.get(state("P", "S")).orElseThrow().get("Jobs")).values())
                .containsOnlyKeys("B.with.dots");
    }

    @Test
    void shouldRefuseToSetANestedPath_whoseMapIsMissing() {
        ItemTable table = newTable(COMPOSITE);
        table.put(state("P", "S"), Condition.ALWAYS);

        assertThatThrownBy(() -> table.update(
                        state("P", "S"),
                        Update.builder()
                                .set(Path.of("Jobs", "A"), new Attr.S("x"))
                                .build(),
                        Condition.ALWAYS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(table.get(state("P", "S"))).contains(state("P", "S"));
    }

    @Test
    void shouldAddNumbersAndSetMembers_andDeleteMembers() {
        ItemTable table = newTable(COMPOSITE);
        Map<String, Attr> key = state("P", "S");

        table.update(
                key,
                Update.builder()
                        .add("Count", Attr.n(2))
                        .add("Done", new Attr.SS(List.of("A")))
                        .build(),
                Condition.ALWAYS);
        table.update(
                key,
                Update.builder()
                        .add("Count", new Attr.N("0.5"))
                        .add("Done", new Attr.SS(List.of("A", "B")))
                        .build(),
                Condition.ALWAYS);
        Map<String, Attr> after = table.get(key).orElseThrow();

        assertThat(after.get("Count")).isEqualTo(new Attr.N("2.5"));
        assertThat(after.get("Done")).isEqualTo(new Attr.SS(List.of("B", "A")));
        table.update(
                key,
                Update.builder().delete("Done", new Attr.SS(List.of("A", "C"))).build(),
                Condition.ALWAYS);
        assertThat(table.get(key).orElseThrow().get("Done")).isEqualTo(new Attr.SS(List.of("B")));
        table.update(
                key, Update.builder().delete("Done", new Attr.SS(List.of("B"))).build(), Condition.ALWAYS);
        assertThat(table.get(key).orElseThrow()).doesNotContainKey("Done");
    }

    @Test
    void shouldKeepAnExistingValue_whenSettingIfNotExists() {
        ItemTable table = newTable(COMPOSITE);
        Map<String, Attr> key = state("P", "S");

        table.update(
                key, Update.builder().setIfNotExists("First", new Attr.S("one")).build(), Condition.ALWAYS);
        table.update(
                key, Update.builder().setIfNotExists("First", new Attr.S("two")).build(), Condition.ALWAYS);

        assertThat(table.get(key).orElseThrow().get("First")).isEqualTo(new Attr.S("one"));
    }

    @Test
    void shouldRefuseToChangeAKeyAttribute() {
        ItemTable table = newTable(COMPOSITE);

        assertThatThrownBy(() -> table.update(
                        state("P", "S"),
                        Update.builder().set("SK", new Attr.S("T")).build(),
                        Condition.ALWAYS))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRefuseAnItemOver400Kilobytes_andKeepTheOldOne() {
        ItemTable table = newTable(COMPOSITE);
        table.put(item("PK", "P", "SK", "S", "V", 1), Condition.ALWAYS);

        assertThatThrownBy(() -> table.put(item("PK", "P", "SK", "S", "Big", "x".repeat(410 * 1024)), Condition.ALWAYS))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(table.get(state("P", "S")).orElseThrow().get("V")).isEqualTo(Attr.n(1));
    }

    @Test
    void shouldDeleteOnlyWhenTheConditionHolds() {
        ItemTable table = newTable(BY_NAME);
        table.put(item("JobName", "J", "Version", 2), Condition.ALWAYS);

        assertThat(table.delete(job("J"), Condition.eq("Version", Attr.n(1))))
                .isEqualTo(new WriteResult.ConditionFailed());
        assertThat(table.delete(job("J"), Condition.eq("Version", Attr.n(2))))
                .isEqualTo(new WriteResult.Applied(item("JobName", "J", "Version", 2)));
        assertThat(table.get(job("J"))).isEmpty();
        assertThat(table.delete(job("J"), Condition.ALWAYS)).isEqualTo(new WriteResult.Applied(Map.of()));
    }

    @Test
    void shouldQueryAPartitionInSortKeyOrder_eitherWay_andByRange() {
        ItemTable table = newTable(COMPOSITE);
        for (String sk : List.of("2026-11-30", "2026-11-28", "2026-12-01", "2026-11-29")) {
            table.put(state("CRUN#RAW", sk), Condition.ALWAYS);
        }
        table.put(state("CRUN#STG", "2026-11-30"), Condition.ALWAYS);

        assertThat(sortKeys(table.query(Query.table("CRUN#RAW", 10))))
                .containsExactly("2026-11-28", "2026-11-29", "2026-11-30", "2026-12-01");
        assertThat(sortKeys(table.query(Query.table("CRUN#RAW", 10).descending())))
                .containsExactly("2026-12-01", "2026-11-30", "2026-11-29", "2026-11-28");
        assertThat(sortKeys(table.query(Query.table("CRUN#RAW", 10).sort(Query.SortCondition.beginsWith("2026-11")))))
                .containsExactly("2026-11-28", "2026-11-29", "2026-11-30");
        assertThat(sortKeys(table.query(
                        Query.table("CRUN#RAW", 10).sort(Query.SortCondition.between("2026-11-29", "2026-11-30")))))
                .containsExactly("2026-11-29", "2026-11-30");
        assertThat(sortKeys(table.query(Query.table("CRUN#RAW", 10)
                        .sort(Query.SortCondition.of(Query.SortCondition.Kind.LT, "2026-11-30"))
                        .descending())))
                .containsExactly("2026-11-29", "2026-11-28");
        assertThat(table.query(Query.table("NOTHING", 10)).items()).isEmpty();
    }

    @Test
    void shouldQueryALocalIndex_leavingOutItemsWithoutItsKey() {
        ItemTable table = newTable(COMPOSITE);
        table.put(item("PK", "RUN#J", "SK", "jr_b", "At", "2026-11-30T08:00:00Z"), Condition.ALWAYS);
        table.put(item("PK", "RUN#J", "SK", "jr_a", "At", "2026-11-30T09:00:00Z"), Condition.ALWAYS);
        table.put(item("PK", "RUN#J", "SK", "jr_c"), Condition.ALWAYS);

        Page newestFirst = table.query(Query.index("ByTime", "RUN#J", 10).descending());

        assertThat(sortKeys(newestFirst)).containsExactly("jr_a", "jr_b");
    }

    @Test
    void shouldPageThroughAGlobalIndex_eachItemOnce_inSortKeyOrder() {
        ItemTable table = newTable(BY_NAME);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 57; i++) {
            String name = "JOB%03d".formatted(i);
            table.put(item("JobName", name, "JobCategory", i % 3 == 0 ? "RAW" : "STG"), Condition.ALWAYS);
            if (i % 3 == 0) {
                expected.add(name);
            }
        }
        table.put(item("JobName", "NOCAT"), Condition.ALWAYS);

        List<String> seen = new ArrayList<>();
        int pages = 0;
        Query query = Query.index("JobCategory-index", "RAW", 5);
        Page page;
        do {
            page = table.query(query);
            page.items().forEach(i -> seen.add(((Attr.S) i.get("JobName")).value()));
            query = query.after(page.lastKey());
            pages++;
        } while (page.hasMore());

        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(pages).isBetween(4, 5);
    }

    @Test
    void shouldScanEveryItemExactlyOnce_acrossPages() {
        ItemTable table = newTable(COMPOSITE);
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            table.put(state("P" + (i % 4), "S" + i), Condition.ALWAYS);
            expected.add("P" + (i % 4) + "/S" + i);
        }

        List<String> seen = new ArrayList<>();
        Map<String, Attr> after = null;
        do {
            Page page = table.scan(7, after);
            page.items().forEach(i -> seen.add(((Attr.S) i.get("PK")).value() + "/" + ((Attr.S) i.get("SK")).value()));
            after = page.lastKey();
        } while (after != null);

        assertThat(seen).hasSize(40).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void shouldApplyConcurrentAdditionsAtomically() throws Exception {
        ItemTable table = newTable(COMPOSITE);
        int threads = 4;
        int each = 25;
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        table.update(
                                state("P", "S"),
                                Update.builder().add("Count", Attr.n(1)).build(),
                                Condition.ALWAYS);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }

        assertThat(table.get(state("P", "S")).orElseThrow().get("Count")).isEqualTo(Attr.n(threads * each));
    }

    @Test
    void shouldLetExactlyOneConcurrentClaimWin() throws Exception {
        ItemTable table = newTable(COMPOSITE);
        AtomicInteger wins = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int claimant = t;
                done.add(pool.submit(() -> {
                    if (table.put(
                                    item("PK", "TRIGGER#STG", "SK", "2026-11-30", "By", claimant),
                                    Condition.notExists("PK"))
                            .applied()) {
                        wins.incrementAndGet();
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }

        assertThat(wins).hasValue(1);
    }

    private static List<String> sortKeys(Page page) {
        return page.items().stream().map(i -> ((Attr.S) i.get("SK")).value()).toList();
    }
}
