package dev.switchyard.sqlite;

import dev.switchyard.reactor.react.ReactorContract;
import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.store.TableSchema;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The reactor's delivery guarantees on a SQLite file. */
class SqliteReactorTest extends ReactorContract {
    @RegisterExtension
    final SqliteTables tables = new SqliteTables();

    @Override
    protected ItemTable newTable(TableSchema schema) {
        return tables.newTable(schema);
    }

    @Override
    protected int days() {
        return 8;
    }
}
