package dev.switchyard.reactor.store;

import dev.switchyard.contracts.attr.Attr;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A table held in memory, with the semantics of the other stores: for tests of the rules built on {@link
 * ItemTable}, and for runs that need no file. Thread-safe; every call is atomic.
 */
public final class InMemoryItemTable implements ItemTable {
    private final TableSchema schema;
    private final TreeMap<List<String>, Map<String, Attr>> items = new TreeMap<>(InMemoryItemTable::compareKeys);
    /** Per index: (index partition, index sort key, table key) → item, for the items the index holds. */
    private final Map<String, TreeMap<List<String>, Map<String, Attr>>> indexes = new HashMap<>();

    public InMemoryItemTable(TableSchema schema) {
        this.schema = schema;
        for (TableSchema.Index index : schema.indexes()) {
            indexes.put(index.name(), new TreeMap<>(InMemoryItemTable::compareKeys));
        }
    }

    /** Stores an item (or removes it, when {@code item} is null) in the table and in every index. */
    private void store(List<String> key, Map<String, Attr> item) {
        Map<String, Attr> old = item == null ? items.remove(key) : items.put(key, item);
        for (TableSchema.Index index : schema.indexes()) {
            TreeMap<List<String>, Map<String, Attr>> entries = indexes.get(index.name());
            if (old != null && inIndex(old, index)) {
                entries.remove(entryKey(old, index));
            }
            if (item != null && inIndex(item, index)) {
                entries.put(entryKey(item, index), item);
            }
        }
    }

    private static boolean inIndex(Map<String, Attr> item, TableSchema.Index index) {
        return item.get(index.partitionKey()) instanceof Attr.S && item.get(index.sortKey()) instanceof Attr.S;
    }

    /** An item's place in the table (index null) or in an index: partition, index sort key, table key. */
    private List<String> entryKey(Map<String, Attr> item, TableSchema.Index index) {
        if (index == null) {
            return tuple(item);
        }
        List<String> key = new ArrayList<>(4);
        key.add(((Attr.S) item.get(index.partitionKey())).value());
        key.add(((Attr.S) item.get(index.sortKey())).value());
        key.addAll(tuple(item));
        return key;
    }

    @Override
    public TableSchema schema() {
        return schema;
    }

    @Override
    public synchronized Optional<Map<String, Attr>> get(Map<String, Attr> key) {
        return Optional.ofNullable(items.get(tuple(schema.checkKey(key))));
    }

    @Override
    public synchronized Page query(Query query) {
        TableSchema.Index index = query.index() == null
                ? null
                : schema.index(query.index())
                        .orElseThrow(() -> new IllegalArgumentException(
                                "table " + schema.name() + " has no index " + query.index()));
        String sortKey = index == null ? schema.sortKey() : index.sortKey();
        if (sortKey == null && query.sort().kind() != Query.SortCondition.Kind.ALL) {
            throw new IllegalArgumentException("table " + schema.name() + " has no sort key to query on");
        }
        // Every entry of the partition, in the order DynamoDB reads it: (partition, [index sort key,] table key).
        NavigableMap<List<String>, Map<String, Attr>> partition = (index == null ? items : indexes.get(index.name()))
                .subMap(List.of(query.partition()), true, List.of(query.partition() + "\0"), false);
        if (!query.forward()) {
            partition = partition.descendingMap();
        }
        if (query.startAfter() != null) {
            List<String> after = entryKey(query.startAfter(), index);
            partition = partition.tailMap(after, false); // "after" in the reading order, either way
        }
        List<Map<String, Attr>> page = new ArrayList<>();
        Map<String, Attr> lastKey = null;
        for (Map<String, Attr> item : partition.values()) {
            if (sortKey != null && !query.sort().test(((Attr.S) item.get(sortKey)).value())) {
                continue;
            }
            page.add(item);
            if (page.size() == query.limit()) {
                lastKey = lastKey(item, index);
                break;
            }
        }
        return new Page(page, lastKey);
    }

    @Override
    public synchronized Page scan(int limit, Map<String, Attr> startAfter) {
        var tail = startAfter == null ? items : items.tailMap(tuple(schema.checkKey(startAfter)), false);
        List<Map<String, Attr>> page = new ArrayList<>();
        Map<String, Attr> lastKey = null;
        for (Map<String, Attr> item : tail.values()) {
            page.add(item);
            if (page.size() == limit) {
                lastKey = schema.keyOf(item);
                break;
            }
        }
        return new Page(page, lastKey);
    }

    @Override
    public synchronized WriteResult put(Map<String, Attr> item, Condition condition) {
        Expressions.checkItem(schema, item);
        List<String> key = tuple(schema.keyOf(item));
        if (!Expressions.test(condition, items.get(key))) {
            return new WriteResult.ConditionFailed();
        }
        Map<String, Attr> stored = Map.copyOf(new LinkedHashMap<>(item));
        store(key, stored);
        return new WriteResult.Applied(stored);
    }

    @Override
    public synchronized WriteResult update(Map<String, Attr> key, Update update, Condition condition) {
        List<String> tuple = tuple(schema.checkKey(key));
        Map<String, Attr> current = items.get(tuple);
        if (!Expressions.test(condition, current)) {
            return new WriteResult.ConditionFailed();
        }
        Map<String, Attr> updated = Expressions.apply(schema, key, update, current);
        if (updated == null) {
            return new WriteResult.Applied(Map.of()); // nothing there, nothing made
        }
        Map<String, Attr> stored = Map.copyOf(updated);
        store(tuple, stored);
        return new WriteResult.Applied(stored);
    }

    @Override
    public synchronized WriteResult delete(Map<String, Attr> key, Condition condition) {
        List<String> tuple = tuple(schema.checkKey(key));
        Map<String, Attr> current = items.get(tuple);
        if (!Expressions.test(condition, current)) {
            return new WriteResult.ConditionFailed();
        }
        if (current != null) {
            store(tuple, null);
        }
        return new WriteResult.Applied(current == null ? Map.of() : current);
    }

    /** How many items the table holds. */
    public synchronized int size() {
        return items.size();
    }

    private List<String> tuple(Map<String, Attr> key) {
        List<String> tuple = new ArrayList<>(2);
        tuple.add(((Attr.S) key.get(schema.partitionKey())).value());
        if (schema.sortKey() != null) {
            tuple.add(((Attr.S) key.get(schema.sortKey())).value());
        }
        return tuple;
    }

    private Map<String, Attr> lastKey(Map<String, Attr> item, TableSchema.Index index) {
        Map<String, Attr> key = new LinkedHashMap<>(schema.keyOf(item));
        if (index != null) {
            key.put(index.partitionKey(), item.get(index.partitionKey()));
            key.put(index.sortKey(), item.get(index.sortKey()));
        }
        return key;
    }

    private static int compareKeys(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Utf8.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}
