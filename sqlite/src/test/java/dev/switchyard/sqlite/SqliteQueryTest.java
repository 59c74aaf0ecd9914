package dev.switchyard.sqlite;

import static dev.switchyard.sqlite.TestItems.JOBS;
import static dev.switchyard.sqlite.TestItems.STATE;
import static dev.switchyard.sqlite.TestItems.item;
import static dev.switchyard.sqlite.TestItems.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.reactor.store.Condition;
import dev.switchyard.reactor.store.InMemoryItemTable;
import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.store.Page;
import dev.switchyard.reactor.store.Query;
import dev.switchyard.reactor.store.TableSchema;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Queries: which SQL index they use, and that they page exactly as the in-memory reference does. */
class SqliteQueryTest {
    private static final int MAX_PAGES = 1_000;

    private final SqliteStore store = SqliteStore.openInMemory(Clock.systemUTC());

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void shouldSearchTheCategoryIndex_whenQueryingACategoryOf10000Jobs() {
        SqliteItemTable jobs = (SqliteItemTable) store.table(JOBS);
        List<String> categories = List.of("RAW", "STG", "DWH", "RPT");
        store.atomically(() -> {
            for (int i = 0; i < 10_000; i++) {
                jobs.put(
                        item("JobName", "JOB%05d".formatted(i), "JobCategory", categories.get(i % 4)),
                        Condition.ALWAYS);
            }
            return null;
        });
        Query firstPage = Query.index("JobCategory-index", "STG", 100);
        Page page = jobs.query(firstPage);

        assertThat(page.items()).hasSize(100);
        assertThat(text(page.items().getFirst(), "JobName")).isEqualTo("JOB00001");
        for (Query query : List.of(firstPage, firstPage.after(page.lastKey()), firstPage.descending())) {
            assertThat(jobs.queryPlan(query))
                    .as("plan of %s", query)
                    .singleElement()
                    .asString()
                    .startsWith("SEARCH")
                    .contains("USING INDEX items_jobs_i0 (i0_pk=?");
        }
    }

    @Test
    void shouldSearchTheKey_whenQueryingATablePartition_andTheLocalIndex_whenQueryingByTime() {
        SqliteItemTable state = (SqliteItemTable) store.table(STATE);
        Query byPrefix = Query.table("RUN#J", 10).sort(Query.SortCondition.beginsWith("jr_"));

        // A plan of one SEARCH step: no SCAN of the table, no temporary B-tree to sort the rows.
        assertThat(state.queryPlan(byPrefix))
                .singleElement()
                .asString()
                .startsWith("SEARCH")
                .contains("USING INDEX sqlite_autoindex_items_state_1 (pk=? AND sk>? AND sk<?)");
        assertThat(state.queryPlan(Query.index("ByTime", "RUN#J", 10).descending()))
                .singleElement()
                .asString()
                .startsWith("SEARCH")
                .contains("USING INDEX items_state_i0 (i0_pk=?)");
    }

    @Test
    void shouldMatchPrefixesLiterally_whenQueryingBeginsWith() {
        ItemTable state = store.table(STATE);
        List<String> sortKeys = List.of(
                "a%",
                "a%b",
                "a_b",
                "aXb",
                "A%b",
                "ab",
                "a\uDBFF\uDFFF",
                "a\uDBFF\uDFFFx",
                "b",
                "\uD7FF",
                "\uD7FFz",
                "\uE000");
        for (String sk : sortKeys) {
            state.put(item("PK", "P", "SK", sk), Condition.ALWAYS);
        }

        assertThat(beginningWith(state, "a%")).containsExactly("a%", "a%b");
        assertThat(beginningWith(state, "a_")).containsExactly("a_b");
        assertThat(beginningWith(state, "A")).containsExactly("A%b");
        assertThat(beginningWith(state, "a\uDBFF\uDFFF")).containsExactly("a\uDBFF\uDFFF", "a\uDBFF\uDFFFx");
        assertThat(beginningWith(state, "\uD7FF")).containsExactly("\uD7FF", "\uD7FFz");
        assertThat(beginningWith(state, "")).hasSize(sortKeys.size());
    }

    @Test
    void shouldEndAPrefixRange_atTheNextCodePoint() {
        assertThat(TableLayout.prefixEnd("2026-11")).contains("2026-12");
        assertThat(TableLayout.prefixEnd("a\uDBFF\uDFFF")).contains("b");
        assertThat(TableLayout.prefixEnd("\uD7FF")).contains("\uE000");
        assertThat(TableLayout.prefixEnd("\uD83D\uDE00")).contains("\uD83D\uDE01");
        assertThat(TableLayout.prefixEnd("\uDBFF\uDFFF")).isEmpty();
        assertThat(TableLayout.prefixEnd("")).isEmpty();
    }

    /**
     * DynamoDB reads a global index in the order of the index's sort key, even where that attribute is
     * the table's sort key. (The in-memory table orders such an index by the table key instead; no
     * Switchyard table has one.)
     */
    @Test
    void shouldOrderAGlobalIndexByItsSortKey_whenThatIsTheTableSortKey() {
        TableSchema bySortKey = new TableSchema(
                "runs", "PK", "SK", List.of(new TableSchema.Index("ByStatus", "Status", "SK", false)), false, null);
        ItemTable runs = store.table(bySortKey);
        runs.put(item("PK", "A", "SK", "3", "Status", "FAILED"), Condition.ALWAYS);
        runs.put(item("PK", "B", "SK", "1", "Status", "FAILED"), Condition.ALWAYS);
        runs.put(item("PK", "C", "SK", "2", "Status", "FAILED"), Condition.ALWAYS);

        Page page = runs.query(Query.index("ByStatus", "FAILED", 2));

        assertThat(page.items()).extracting(i -> text(i, "SK")).containsExactly("1", "2");
        assertThat(runs.query(Query.index("ByStatus", "FAILED", 2).after(page.lastKey()))
                        .items())
                .extracting(i -> text(i, "SK"))
                .containsExactly("3");
    }

    /** Random tables and queries, paged to the end, give the same pages here as in memory. */
    @Test
    void shouldPageExactlyAsTheInMemoryTable_whenQueryingAndScanningAnyWay() {
        TableSchema schema = new TableSchema(
                "mixed",
                "PK",
                "SK",
                List.of(
                        new TableSchema.Index("ByTime", "PK", "At", true),
                        new TableSchema.Index("ByGroup", "Group", "At", false)),
                false,
                null);
        ItemTable sqlite = store.table(schema);
        ItemTable memory = new InMemoryItemTable(schema);
        Random random = new Random(20261130);
        List<String> alphabet =
                List.of("a", "A", "b", "%", "_", "é", "\uFF61", "\uD83D\uDE00", "\uDBFF\uDFFF", "\uD7FF", "\uE000");
        for (int i = 0; i < 300; i++) {
            Map<String, Attr> item = item("PK", pick(random, List.of("P", "Q", "p")), "SK", word(random, alphabet));
            if (random.nextInt(4) > 0) {
                item.put("At", new Attr.S(word(random, alphabet.subList(0, 3))));
            }
            if (random.nextInt(3) > 0) {
                item.put("Group", new Attr.S(pick(random, List.of("G1", "G2"))));
            }
            sqlite.put(item, Condition.ALWAYS);
            memory.put(item, Condition.ALWAYS);
        }

        for (int q = 0; q < 300; q++) {
            Query query = randomQuery(random, alphabet);
            assertThat(pages(sqlite, query)).as("%s", query).isEqualTo(pages(memory, query));
        }
        int limit = 1 + random.nextInt(20);
        assertThat(scanned(sqlite, limit)).isEqualTo(scanned(memory, limit));
    }

    private static Query randomQuery(Random random, List<String> alphabet) {
        String index = pick(random, java.util.Arrays.asList(null, "ByTime", "ByGroup"));
        String partition =
                "ByGroup".equals(index) ? pick(random, List.of("G1", "G2")) : pick(random, List.of("P", "p"));
        Query.SortCondition.Kind kind = pick(random, List.of(Query.SortCondition.Kind.values()));
        String value = word(random, alphabet);
        Query.SortCondition sort = switch (kind) {
            case ALL -> Query.SortCondition.ALL;
            case BETWEEN -> Query.SortCondition.between(value, value + word(random, alphabet));
            case BEGINS_WITH -> Query.SortCondition.beginsWith(value.substring(0, value.offsetByCodePoints(0, 1)));
            default -> Query.SortCondition.of(kind, value);
        };
        Query query = new Query(index, partition, sort, random.nextBoolean(), 1 + random.nextInt(7), null);
        return query;
    }

    private static List<Page> pages(ItemTable table, Query query) {
        List<Page> pages = new ArrayList<>();
        Page page;
        Query next = query;
        do {
            page = table.query(next);
            pages.add(page);
            next = next.after(page.lastKey());
            // A page that does not move on would loop forever; fail instead.
            assertThat(pages).as("pages of %s", query).hasSizeLessThan(MAX_PAGES);
        } while (page.hasMore());
        return pages;
    }

    private static List<Page> scanned(ItemTable table, int limit) {
        List<Page> pages = new ArrayList<>();
        Map<String, Attr> after = null;
        do {
            Page page = table.scan(limit, after);
            pages.add(page);
            after = page.lastKey();
            assertThat(pages).as("pages of a scan").hasSizeLessThan(MAX_PAGES);
        } while (after != null);
        return pages;
    }

    private static List<String> beginningWith(ItemTable table, String prefix) {
        return table.query(Query.table("P", 100).sort(Query.SortCondition.beginsWith(prefix))).items().stream()
                .map(i -> text(i, "SK"))
                .toList();
    }

    private static String word(Random random, List<String> alphabet) {
        StringBuilder word = new StringBuilder();
        for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
            word.append(pick(random, alphabet));
        }
        return word.toString();
    }

    private static <T> T pick(Random random, List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }
}
