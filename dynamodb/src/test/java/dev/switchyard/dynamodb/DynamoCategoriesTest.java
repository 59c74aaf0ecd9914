package dev.switchyard.dynamodb;

import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.store.TableSchema;
import dev.switchyard.reactor.table.CategoriesContract;

/** The categories contract on DynamoDB's API (dynalite). */
class DynamoCategoriesTest extends CategoriesContract {
    @Override
    protected ItemTable newTable(TableSchema schema) {
        String name = DynamoItemTableTest.uniqueName(schema.name());
        DynamoTables.create(Dynalite.client(), schema, name);
        return new DynamoItemTable(Dynalite.client(), schema, name);
    }
}
