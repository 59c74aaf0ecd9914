package dev.switchyard.benchmarks;

import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.reactor.store.Condition;
import dev.switchyard.reactor.store.Expressions;
import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.store.Page;
import dev.switchyard.reactor.store.Query;
import dev.switchyard.reactor.store.TableSchema;
import dev.switchyard.reactor.store.Update;
import dev.switchyard.reactor.store.WriteResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * An {@link ItemTable} that counts the requests made of the table it wraps, one counter per operation: each
 * call is one request, as each is one DynamoDB API call ({@code GetItem}, one {@code Query} or {@code Scan}
 * page, {@code PutItem}, {@code UpdateItem}, {@code DeleteItem}). Not thread-safe.
 *
 * <p>It also estimates the capacity units each request would consume on DynamoDB, by the documented rules
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html) and with item
 * sizes as {@link Expressions#size} counts them: a consistent read 1 unit per 4 KB of the items read (half on
 * a global index, which is read eventually consistently), at least 1; a write 1 unit per 1 KB of the larger
 * of the item before and after, at least 1, also when its condition fails; plus, for each index (all of
 * Switchyard's project every attribute), a write of the item into the index when it is there after the
 * write, a delete when it was there before and is not after, and both when its index key changed. To know
 * the item before a write it reads the wrapped table once more, uncounted.
 */
final class CountingItemTable implements ItemTable {
    /** The operations counted, reads first. */
    enum Op {
        GET,
        QUERY,
        SCAN,
        PUT,
        UPDATE,
        DELETE;

        boolean read() {
            return this == GET || this == QUERY || this == SCAN;
        }
    }

    private final ItemTable table;
    private final long[] counts = new long[Op.values().length];
    private double readUnits;
    private long writeUnits;

    CountingItemTable(ItemTable table) {
        this.table = table;
    }

    /** The requests counted so far, by {@link Op#ordinal()}. */
    long[] counts() {
        return counts.clone();
    }

    /** Estimated read capacity units consumed so far. */
    double readUnits() {
        return readUnits;
    }

    /** Estimated write capacity units consumed so far, the indexes' included. */
    long writeUnits() {
        return writeUnits;
    }

    @Override
    public TableSchema schema() {
        return table.schema();
    }

    @Override
    public Optional<Map<String, Attr>> get(Map<String, Attr> key) {
        counts[Op.GET.ordinal()]++;
        Optional<Map<String, Attr>> item = table.get(key);
        readUnits += Math.max(1, ceil(item.map(Expressions::size).orElse(0), 4096));
        return item;
    }

    @Override
    public Page query(Query query) {
        counts[Op.QUERY.ordinal()]++;
        Page page = table.query(query);
        boolean eventual = query.index() != null
                && table.schema().index(query.index()).map(i -> !i.local()).orElse(false);
        long units = Math.max(1, ceil(pageSize(page), 4096));
        readUnits += eventual ? units / 2.0 : units;
        return page;
    }

    @Override
    public Page scan(int limit, Map<String, Attr> startAfter) {
        counts[Op.SCAN.ordinal()]++;
        Page page = table.scan(limit, startAfter);
        readUnits += Math.max(1, ceil(pageSize(page), 4096));
        return page;
    }

    @Override
    public WriteResult put(Map<String, Attr> item, Condition condition) {
        counts[Op.PUT.ordinal()]++;
        Map<String, Attr> before = table.get(table.schema().keyOf(item)).orElse(null);
        return written(before, table.put(item, condition));
    }

    @Override
    public WriteResult update(Map<String, Attr> key, Update update, Condition condition) {
        counts[Op.UPDATE.ordinal()]++;
        Map<String, Attr> before = table.get(key).orElse(null);
        return written(before, table.update(key, update, condition));
    }

    @Override
    public WriteResult delete(Map<String, Attr> key, Condition condition) {
        counts[Op.DELETE.ordinal()]++;
        Map<String, Attr> before = table.get(key).orElse(null);
        WriteResult result = table.delete(key, condition);
        writeUnits += Math.max(1, ceil(before == null ? 0 : Expressions.size(before), 1024));
        if (result.applied() && before != null) {
            for (TableSchema.Index index : table.schema().indexes()) {
                if (inIndex(index, before)) {
                    writeUnits += Math.max(1, ceil(Expressions.size(before), 1024));
                }
            }
        }
        return result;
    }

    private WriteResult written(Map<String, Attr> before, WriteResult result) {
        int sizeBefore = before == null ? 0 : Expressions.size(before);
        if (!(result instanceof WriteResult.Applied applied)) {
            writeUnits += Math.max(1, ceil(sizeBefore, 1024));
            return result;
        }
        Map<String, Attr> after = applied.item();
        int sizeAfter = Expressions.size(after);
        writeUnits += Math.max(1, ceil(Math.max(sizeBefore, sizeAfter), 1024));
        for (TableSchema.Index index : table.schema().indexes()) {
            boolean was = before != null && inIndex(index, before);
            boolean is = !after.isEmpty() && inIndex(index, after);
            boolean moved = was && is && !indexKey(index, before).equals(indexKey(index, after));
            if (is) {
                writeUnits += Math.max(1, ceil(sizeAfter, 1024));
            }
            if (was && (!is || moved)) {
                writeUnits += Math.max(1, ceil(sizeBefore, 1024));
            }
        }
        return result;
    }

    private static boolean inIndex(TableSchema.Index index, Map<String, Attr> item) {
        return item.get(index.partitionKey()) != null && item.get(index.sortKey()) != null;
    }

    private static List<Attr> indexKey(TableSchema.Index index, Map<String, Attr> item) {
        return List.of(item.get(index.partitionKey()), item.get(index.sortKey()));
    }

    private static long pageSize(Page page) {
        long size = 0;
        for (Map<String, Attr> item : page.items()) {
            size += Expressions.size(item);
        }
        return size;
    }

    private static long ceil(long bytes, int unit) {
        return (bytes + unit - 1) / unit;
    }

    @Override
    public <T> T atomically(Supplier<T> work) {
        return table.atomically(work);
    }
}
