package dev.switchyard.sqlite;

import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.store.TableSchema;
import dev.switchyard.reactor.table.CategoriesContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The categories contract on a SQLite file. */
class SqliteCategoriesTest extends CategoriesContract {
    @RegisterExtension
    final SqliteTables tables = new SqliteTables();

    @Override
    protected ItemTable newTable(TableSchema schema) {
        return tables.newTable(schema);
    }
}
