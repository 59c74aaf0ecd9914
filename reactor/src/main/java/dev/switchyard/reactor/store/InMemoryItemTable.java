package dev.switchyard.reactor.store;

import dev.switchyard.contracts.attr.Attr;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A table held in memory, with the semantics of the other stores: for tests of the rules built on {@link
 * ItemTable}, and for runs that need no file. Thread-safe; every call is atomic.
 */
public final class InMemoryItemTable implements ItemTable {
    private final TableSchema schema;
    private final TreeMap<List<String>, Map<String, Attr>> items = new TreeMap<>(InMemoryItemTable::compareKeys);

    public InMemoryItemTable(TableSchema schema) {
        this.schema = schema;
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
        String partitionKey = index == null ? schema.partitionKey() : index.partitionKey();
        String sortKey = index == null ? schema.sortKey() : index.sortKey();
        List<Map.Entry<List<String>, Map<String, Attr>>> matches = new ArrayList<>();
        for (Map<String, Attr> item : items.values()) {
            if (!(item.get(partitionKey) instanceof Attr.S p) || !p.value().equals(query.partition())) {
                continue;
            }
            if (sortKey != null) {
                if (!(item.get(sortKey) instanceof Attr.S s) || !query.sort().test(s.value())) {
                    continue;
                }
            } else if (query.sort().kind() != Query.SortCondition.Kind.ALL) {
                throw new IllegalArgumentException("table " + schema.name() + " has no sort key to query on");
            }
            matches.add(Map.entry(order(item, index == null ? null : sortKey), item));
        }
        Comparator<List<String>> order = InMemoryItemTable::compareKeys;
        if (!query.forward()) {
            order = order.reversed();
        }
        Comparator<List<String>> byOrder = order;
        matches.sort((a, b) -> byOrder.compare(a.getKey(), b.getKey()));
        List<String> after =
                query.startAfter() == null ? null : order(query.startAfter(), index == null ? null : sortKey);
        List<Map<String, Attr>> page = new ArrayList<>();
        Map<String, Attr> lastKey = null;
        for (Map.Entry<List<String>, Map<String, Attr>> match : matches) {
            if (after != null && byOrder.compare(match.getKey(), after) <= 0) {
                continue;
            }
            page.add(match.getValue());
            if (page.size() == query.limit()) {
                lastKey = lastKey(match.getValue(), index);
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
        items.put(key, stored);
        return new WriteResult.Applied(stored);
    }

    @Override
    public synchronized WriteResult update(Map<String, Attr> key, Update update, Condition condition) {
        List<String> tuple = tuple(schema.checkKey(key));
        Map<String, Attr> current = items.get(tuple);
        if (!Expressions.test(condition, current)) {
            return new WriteResult.ConditionFailed();
        }
        Map<String, Attr> stored = Map.copyOf(Expressions.apply(schema, key, update, current));
        items.put(tuple, stored);
        return new WriteResult.Applied(stored);
    }

    @Override
    public synchronized WriteResult delete(Map<String, Attr> key, Condition condition) {
        List<String> tuple = tuple(schema.checkKey(key));
        Map<String, Attr> current = items.get(tuple);
        if (!Expressions.test(condition, current)) {
            return new WriteResult.ConditionFailed();
        }
        items.remove(tuple);
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

    /**
     * An index's sort key first, then the table key: the order DynamoDB reads an index in; for the table
     * itself ({@code indexSortKey} null) the table key alone.
     */
    private List<String> order(Map<String, Attr> item, String indexSortKey) {
        List<String> order = new ArrayList<>(3);
        if (indexSortKey != null) {
            order.add(((Attr.S) item.get(indexSortKey)).value());
        }
        order.addAll(tuple(item));
        return order;
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
