package dev.switchyard.sqlite;

import dev.switchyard.reactor.runs.RunRecordsContract;
import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.store.TableSchema;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The run-records contract on a SQLite file. */
class SqliteRunRecordsTest extends RunRecordsContract {
    @RegisterExtension
    final SqliteTables tables = new SqliteTables();

    @Override
    protected ItemTable newTable(TableSchema schema) {
        return tables.newTable(schema);
    }
}
