package dev.switchyard.sqlite;

import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.store.TableSchema;
import dev.switchyard.reactor.table.ControlTableContract;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The control-table contract on a SQLite file. */
class SqliteControlTableTest extends ControlTableContract {
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
        return store.table(SqliteItemTableTest.renamed(schema, schema.name() + "_" + tables++));
    }
}
