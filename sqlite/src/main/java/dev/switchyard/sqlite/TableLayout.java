package dev.switchyard.sqlite;

import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.reactor.store.Query;
import dev.switchyard.reactor.store.TableSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How one {@link TableSchema} lies in SQL: an items table with one TEXT column per key value and one
 * pair per secondary index, the item itself as DynamoDB JSON, and for a streamed table a changes table.
 * Every key column is TEXT with BINARY collation, which SQLite compares with {@code memcmp} over UTF-8:
 * code point order, the order DynamoDB sorts strings in.
 */
record TableLayout(TableSchema schema) {
    /**
     * A name SQLite needs no quoting rules for. SQLite folds identifier case, so {@code Jobs} and {@code
     * jobs} name one physical table; the metadata table compares names the same way.
     */
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,62}");

    /** The column of a table without a sort key holds this; DynamoDB keys are never empty, so it is free. */
    static final String NO_SORT_KEY = "";

    TableLayout {
        if (!SAFE_NAME.matcher(schema.name()).matches()) {
            throw new IllegalArgumentException("table name '" + schema.name()
                    + "' cannot name a SQLite table: use a letter, then letters, digits or '_' (at most 63)");
        }
    }

    String items() {
        return "\"items_" + schema.name() + "\"";
    }

    String changes() {
        return "\"changes_" + schema.name() + "\"";
    }

    private static String indexPartition(int i) {
        return "i" + i + "_pk";
    }

    private static String indexSort(int i) {
        return "i" + i + "_sk";
    }

    /** The statements that create the table, its indexes and, when streamed, its change table. */
    List<String> create() {
        StringBuilder items = new StringBuilder("CREATE TABLE ")
                .append(items())
                .append(" (pk TEXT COLLATE BINARY NOT NULL, sk TEXT COLLATE BINARY NOT NULL");
        for (int i = 0; i < schema.indexes().size(); i++) {
            items.append(", ")
                    .append(indexPartition(i))
                    .append(" TEXT COLLATE BINARY, ")
                    .append(indexSort(i))
                    .append(" TEXT COLLATE BINARY");
        }
        items.append(", item TEXT NOT NULL, PRIMARY KEY (pk, sk))");
        List<String> statements = new ArrayList<>();
        statements.add(items.toString());
        for (int i = 0; i < schema.indexes().size(); i++) {
            // Partial: an item without the index key is not in the index, as in DynamoDB. The table key
            // closes the index so that a page ends and the next one starts without a sort.
            statements.add("CREATE INDEX \"items_" + schema.name() + "_i" + i + "\" ON " + items() + " ("
                    + indexPartition(i) + ", " + indexSort(i) + ", pk, sk) WHERE " + indexPartition(i)
                    + " IS NOT NULL");
        }
        if (schema.streamed()) {
            // AUTOINCREMENT: a sequence number is never handed out twice, even after the newest change is
            // gone, so a reader's position stays meaningful.
            statements.add("CREATE TABLE " + changes() + " (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                    + " event_id TEXT NOT NULL UNIQUE,"
                    + " kind TEXT NOT NULL CHECK (kind IN ('INSERT', 'MODIFY', 'REMOVE')),"
                    + " keys TEXT NOT NULL, old_image TEXT, new_image TEXT, at INTEGER NOT NULL)");
        }
        return statements;
    }

    /** The values of the key columns of a key or item. */
    List<Object> keyValues(Map<String, Attr> item) {
        Map<String, Attr> key = schema.keyOf(item);
        String sortKey = schema.sortKey() == null ? NO_SORT_KEY : text(key.get(schema.sortKey()));
        return List.of(text(key.get(schema.partitionKey())), sortKey);
    }

    String selectOne() {
        return "SELECT item FROM " + items() + " WHERE pk = ? AND sk = ?";
    }

    String deleteOne() {
        return "DELETE FROM " + items() + " WHERE pk = ? AND sk = ?";
    }

    /** Inserts or replaces an item: key, index keys, item text. */
    String upsert() {
        StringBuilder columns = new StringBuilder("pk, sk");
        StringBuilder updates = new StringBuilder();
        for (int i = 0; i < schema.indexes().size(); i++) {
            columns.append(", ").append(indexPartition(i)).append(", ").append(indexSort(i));
            updates.append(indexPartition(i))
                    .append(" = excluded.")
                    .append(indexPartition(i))
                    .append(", ")
                    .append(indexSort(i))
                    .append(" = excluded.")
                    .append(indexSort(i))
                    .append(", ");
        }
        columns.append(", item");
        String marks = "?, ".repeat(2 + 2 * schema.indexes().size()) + "?";
        return "INSERT INTO " + items() + " (" + columns + ") VALUES (" + marks
                + ") ON CONFLICT (pk, sk) DO UPDATE SET " + updates + "item = excluded.item";
    }

    /** The values {@link #upsert()} binds, but the item text, which comes last. */
    List<Object> upsertValues(Map<String, Attr> item) {
        List<Object> values = new ArrayList<>(keyValues(item));
        for (TableSchema.Index index : schema.indexes()) {
            // Both or neither: an item is in an index only when it has both its key attributes.
            if (item.get(index.partitionKey()) instanceof Attr.S p && item.get(index.sortKey()) instanceof Attr.S s) {
                values.add(p.value());
                values.add(s.value());
            } else {
                values.add(null);
                values.add(null);
            }
        }
        return values;
    }

    String insertChange() {
        return "INSERT INTO " + changes()
                + " (event_id, kind, keys, old_image, new_image, at) VALUES (?, ?, ?, ?, ?, ?)";
    }

    String selectChanges() {
        return "SELECT seq, event_id, kind, keys, old_image, new_image, at FROM " + changes()
                + " WHERE seq > ? ORDER BY seq LIMIT ?";
    }

    /** One page of every item, in key order, strictly after a key. */
    Sql scan(int limit, Map<String, Attr> startAfter) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        List<Object> params = new ArrayList<>();
        String after = "";
        if (startAfter != null) {
            params.addAll(keyValues(schema.checkKey(startAfter)));
            after = " WHERE (pk, sk) > (?, ?)";
        }
        params.add(limit);
        return new Sql("SELECT item FROM " + items() + after + " ORDER BY pk, sk LIMIT ?", params);
    }

    /**
     * One page of a query. A table orders by its key; an index by its sort key, then the table key, the
     * order DynamoDB reads an index in. A page continues strictly after {@code startAfter} in that order.
     */
    Sql query(Query query) {
        Optional<Integer> index = indexNumber(query.index());
        String partitionColumn = index.map(TableLayout::indexPartition).orElse("pk");
        String sortColumn = index.map(TableLayout::indexSort).orElse("sk");
        if (index.isEmpty() && schema.sortKey() == null && query.sort().kind() != Query.SortCondition.Kind.ALL) {
            throw new IllegalArgumentException("table " + schema.name() + " has no sort key to query on");
        }
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(partitionColumn).append(" = ?");
        params.add(query.partition());
        sortCondition(query.sort(), sortColumn, where, params);
        String order = index.isPresent() ? sortColumn + ", pk, sk" : "pk, sk";
        startAfter(query, index, order, where, params);
        String direction = query.forward() ? "" : " DESC";
        String orderBy = String.join(direction + ", ", order.split(", ")) + direction;
        params.add(query.limit());
        return new Sql("SELECT item FROM " + items() + " WHERE " + where + " ORDER BY " + orderBy + " LIMIT ?", params);
    }

    /** Continues strictly after the key a page ended at, in the query's order. */
    private void startAfter(
            Query query, Optional<Integer> index, String order, StringBuilder where, List<Object> params) {
        if (query.startAfter() == null) {
            return;
        }
        List<Object> after = keyValues(query.startAfter());
        if (index.isEmpty() && after.getFirst().equals(query.partition())) {
            // Within the partition the key order is the sort key's: SQLite seeks to sk > ?, but it does not
            // seek on the row value (pk, sk) > (?, ?) once pk = ? pins its first column, and would walk
            // past every earlier page to start this one.
            compare("sk", query.forward() ? ">" : "<", (String) after.getLast(), where, params);
            return;
        }
        where.append(" AND (")
                .append(order)
                .append(query.forward() ? ") > (" : ") < (")
                .append(index.isPresent() ? "?, ?, ?)" : "?, ?)");
        index.ifPresent(i ->
                params.add(indexSortAfter(query.startAfter(), schema.indexes().get(i))));
        params.addAll(after);
    }

    /** Where the next page of a full one starts: the table key, and for an index its key too. */
    Map<String, Attr> lastKey(Map<String, Attr> item, String indexName) {
        Map<String, Attr> key = new LinkedHashMap<>(schema.keyOf(item));
        indexNumber(indexName).map(schema.indexes()::get).ifPresent(index -> {
            key.put(index.partitionKey(), item.get(index.partitionKey()));
            key.put(index.sortKey(), item.get(index.sortKey()));
        });
        return key;
    }

    private Optional<Integer> indexNumber(String indexName) {
        if (indexName == null) {
            return Optional.empty();
        }
        for (int i = 0; i < schema.indexes().size(); i++) {
            if (schema.indexes().get(i).name().equals(indexName)) {
                return Optional.of(i);
            }
        }
        throw new IllegalArgumentException("table " + schema.name() + " has no index " + indexName);
    }

    private static String indexSortAfter(Map<String, Attr> startAfter, TableSchema.Index index) {
        if (!(startAfter.get(index.sortKey()) instanceof Attr.S s)) {
            throw new IllegalArgumentException("a page of index " + index.name() + " starts after a key holding "
                    + index.sortKey() + ", as the page before returned it: " + startAfter);
        }
        return s.value();
    }

    private static void sortCondition(
            Query.SortCondition sort, String column, StringBuilder where, List<Object> params) {
        switch (sort.kind()) {
            case ALL -> {}
            case EQ -> compare(column, "=", sort.value(), where, params);
            case LT -> compare(column, "<", sort.value(), where, params);
            case LE -> compare(column, "<=", sort.value(), where, params);
            case GT -> compare(column, ">", sort.value(), where, params);
            case GE -> compare(column, ">=", sort.value(), where, params);
            case BETWEEN -> {
                compare(column, ">=", sort.value(), where, params);
                compare(column, "<=", sort.upTo(), where, params);
            }
            case BEGINS_WITH -> {
                // A range, not LIKE: LIKE has wildcards and folds ASCII case, and a range uses the index.
                compare(column, ">=", sort.value(), where, params);
                prefixEnd(sort.value()).ifPresent(end -> compare(column, "<", end, where, params));
            }
        }
    }

    private static void compare(String column, String op, String value, StringBuilder where, List<Object> params) {
        where.append(" AND ").append(column).append(' ').append(op).append(" ?");
        params.add(value);
    }

    /**
     * The least string greater than every string starting with {@code prefix}, in code point order: the
     * prefix with its last code point below U+10FFFF raised by one (and what follows it dropped). Empty
     * when every string at or above the prefix starts with it (an empty prefix, or only U+10FFFF).
     */
    static Optional<String> prefixEnd(String prefix) {
        int[] codePoints = prefix.codePoints().toArray();
        for (int i = codePoints.length - 1; i >= 0; i--) {
            if (codePoints[i] < Character.MAX_CODE_POINT) {
                int next = codePoints[i] + 1;
                if (next == Character.MIN_SURROGATE) {
                    // No string holds a code point in the surrogate range, so the next one after U+D7FF is U+E000.
                    next = Character.MAX_SURROGATE + 1;
                }
                return Optional.of(new String(codePoints, 0, i) + Character.toString(next));
            }
        }
        return Optional.empty();
    }

    private static String text(Attr value) {
        return ((Attr.S) value).value();
    }

    /** A statement and the values it binds, in order. */
    record Sql(String text, List<Object> params) {
        Sql {
            // Not List.copyOf: a value may be null.
            params = java.util.Collections.unmodifiableList(new ArrayList<>(params));
        }
    }
}
