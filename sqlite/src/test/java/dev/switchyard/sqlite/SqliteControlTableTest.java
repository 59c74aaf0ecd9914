package dev.switchyard.sqlite;

import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.store.TableSchema;
import dev.switchyard.reactor.table.ControlTableContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The control-table contract on a SQLite file. */
class SqliteControlTableTest extends ControlTableContract {
    @RegisterExtension
    final SqliteTables tables = new SqliteTables();

    @Override
    protected ItemTable newTable(TableSchema schema) {
        return tables.newTable(schema);
    }
}
