package dev.switchyard.dynamodb;

import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.store.TableSchema;
import dev.switchyard.reactor.table.ControlTableContract;

/** The control-table contract on DynamoDB's API (dynalite). */
class DynamoControlTableTest extends ControlTableContract {
    @Override
    protected ItemTable newTable(TableSchema schema) {
        String name = DynamoItemTableTest.uniqueName(schema.name());
        DynamoTables.create(Dynalite.client(), schema, name);
        return new DynamoItemTable(Dynalite.client(), schema, name);
    }
}
