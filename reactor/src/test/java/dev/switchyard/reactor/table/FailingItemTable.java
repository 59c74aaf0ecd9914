package dev.switchyard.reactor.table;

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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** A store that fails its n-th write as a store that has gone away would, to test what a half-done write leaves. */
public final class FailingItemTable implements ItemTable {
    private final ItemTable delegate;
    private final int failingWrite;
    private final AtomicInteger writes = new AtomicInteger();

    public FailingItemTable(ItemTable delegate, int failingWrite) {
        this.delegate = delegate;
        this.failingWrite = failingWrite;
    }

    private void count() {
        if (writes.incrementAndGet() == failingWrite) {
            throw new StoreUnavailableException("write " + failingWrite + " failed (injected)", null);
        }
    }

    @Override
    public TableSchema schema() {
        return delegate.schema();
    }

    @Override
    public Optional<Map<String, Attr>> get(Map<String, Attr> key) {
        return delegate.get(key);
    }

    @Override
    public Page query(Query query) {
        return delegate.query(query);
    }

    @Override
    public Page scan(int limit, Map<String, Attr> startAfter) {
        return delegate.scan(limit, startAfter);
    }

    @Override
    public WriteResult put(Map<String, Attr> item, Condition condition) {
        count();
        return delegate.put(item, condition);
    }

    @Override
    public WriteResult update(Map<String, Attr> key, Update update, Condition condition) {
        count();
        return delegate.update(key, update, condition);
    }

    @Override
    public WriteResult delete(Map<String, Attr> key, Condition condition) {
        count();
        return delegate.delete(key, condition);
    }

    @Override
    public <T> T atomically(Supplier<T> work) {
        return delegate.atomically(work);
    }
}
