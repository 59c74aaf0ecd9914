package dev.switchyard.dashboard;

import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.reactor.store.Condition;
import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.store.Page;
import dev.switchyard.reactor.store.Query;
import dev.switchyard.reactor.store.StoreUnavailableException;
import dev.switchyard.reactor.store.TableSchema;
import dev.switchyard.reactor.store.Update;
import dev.switchyard.reactor.store.WriteResult;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** A table that can be taken down and brought back: while down, every request fails as an unreachable store does. */
final class Outage implements ItemTable {
    private final ItemTable table;
    private volatile boolean down;

    Outage(ItemTable table) {
        this.table = table;
    }

    void down(boolean isDown) {
        this.down = isDown;
    }

    private ItemTable table() {
        if (down) {
            throw new StoreUnavailableException("the store is down (test)", null);
        }
        return table;
    }

    @Override
    public TableSchema schema() {
        return table.schema();
    }

    @Override
    public Optional<Map<String, Attr>> get(Map<String, Attr> key) {
        return table().get(key);
    }

    @Override
    public Page query(Query query) {
        return table().query(query);
    }

    @Override
    public Page scan(int limit, Map<String, Attr> startAfter) {
        return table().scan(limit, startAfter);
    }

    @Override
    public WriteResult put(Map<String, Attr> item, Condition condition) {
        return table().put(item, condition);
    }

    @Override
    public WriteResult update(Map<String, Attr> key, Update update, Condition condition) {
        return table().update(key, update, condition);
    }

    @Override
    public WriteResult delete(Map<String, Attr> key, Condition condition) {
        return table().delete(key, condition);
    }

    @Override
    public <T> T atomically(Supplier<T> work) {
        return table().atomically(work);
    }
}
