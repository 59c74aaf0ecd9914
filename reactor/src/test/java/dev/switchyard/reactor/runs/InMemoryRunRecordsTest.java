package dev.switchyard.reactor.runs;

import dev.switchyard.reactor.store.InMemoryItemTable;
import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.store.TableSchema;

/** The run-records contract on the in-memory store. */
class InMemoryRunRecordsTest extends RunRecordsContract {
    @Override
    protected ItemTable newTable(TableSchema schema) {
        return new InMemoryItemTable(schema);
    }
}
