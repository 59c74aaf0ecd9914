package dev.switchyard.reactor.store;

/** The item-table contract on the in-memory store. */
class InMemoryItemTableTest extends ItemTableContract {
    @Override
    protected ItemTable newTable(TableSchema schema) {
        return new InMemoryItemTable(schema);
    }
}
