package dev.switchyard.sqlite;

import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.store.ItemTableContract;
import dev.switchyard.reactor.store.TableSchema;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The item-table contract on the in-memory SQLite store, a store of its own for every table. */
class SqliteInMemoryItemTableTest extends ItemTableContract {
    private final List<SqliteStore> stores = new ArrayList<>();

    @AfterEach
    void closeStores() {
        stores.forEach(SqliteStore::close);
    }

    @Override
    protected ItemTable newTable(TableSchema schema) {
        SqliteStore store = SqliteStore.openInMemory(Clock.systemUTC());
        stores.add(store);
        return store.table(schema);
    }
}
