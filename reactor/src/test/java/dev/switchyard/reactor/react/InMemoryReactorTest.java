package dev.switchyard.reactor.react;

import dev.switchyard.reactor.store.InMemoryItemTable;
import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.store.TableSchema;

/** The reactor's delivery guarantees on the in-memory store. */
class InMemoryReactorTest extends ReactorContract {
    @Override
    protected ItemTable newTable(TableSchema schema) {
        return new InMemoryItemTable(schema);
    }

    @Override
    protected int days() {
        return 30;
    }
}
