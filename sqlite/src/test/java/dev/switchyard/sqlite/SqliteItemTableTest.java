package dev.switchyard.sqlite;

import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.store.ItemTableContract;
import dev.switchyard.reactor.store.TableSchema;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The item-table contract on a SQLite file: every table of a test in one file, each under a name of its
 * own, as the control table and the reactor's records share the embedded store's file.
 */
class SqliteItemTableTest extends ItemTableContract {
    @RegisterExtension
    final SqliteTables tables = new SqliteTables();

    @Override
    protected ItemTable newTable(TableSchema schema) {
        return tables.newTable(schema);
    }
}
