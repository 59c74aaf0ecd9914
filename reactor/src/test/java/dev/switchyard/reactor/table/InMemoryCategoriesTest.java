package dev.switchyard.reactor.table;

import dev.switchyard.reactor.store.InMemoryItemTable;
import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.store.TableSchema;

/** The categories contract on the in-memory store. */
class InMemoryCategoriesTest extends CategoriesContract {
    @Override
    protected ItemTable newTable(TableSchema schema) {
        return new InMemoryItemTable(schema);
    }
}
