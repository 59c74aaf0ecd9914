package dev.switchyard.sqlite;

import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.store.ItemTableContract;
import dev.switchyard.reactor.store.TableSchema;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The item-table contract on a SQLite file: every table of a test in one file, each under a name of its
 * own, as the control table and the reactor's records share the embedded store's file.
 */
class SqliteItemTableTest extends ItemTableContract {
    @TempDir
    Path dir;

    private SqliteStore store;
    private int tables;

    @BeforeEach
    void openStore() {
        store = SqliteStore.open(dir.resolve("switchyard.db"), Clock.systemUTC());
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Override
    protected ItemTable newTable(TableSchema schema) {
        return store.table(renamed(schema, schema.name() + "_" + tables++));
    }

    static TableSchema renamed(TableSchema schema, String name) {
        return new TableSchema(
                name,
                schema.partitionKey(),
                schema.sortKey(),
                schema.indexes(),
                schema.streamed(),
                schema.ttlAttribute());
    }
}
