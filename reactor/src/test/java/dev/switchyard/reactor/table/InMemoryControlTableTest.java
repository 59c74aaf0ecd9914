package dev.switchyard.reactor.table;

import dev.switchyard.reactor.store.InMemoryItemTable;
import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.store.TableSchema;

/** The control-table contract on the in-memory store. */
class InMemoryControlTableTest extends ControlTableContract {
    @Override
    protected ItemTable newTable(TableSchema schema) {
        return new InMemoryItemTable(schema);
    }
}
