package dev.switchyard.dynamodb;

import dev.switchyard.reactor.runs.RunRecordsContract;
import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.store.TableSchema;

/** The run-records contract on DynamoDB's API (dynalite). */
class DynamoRunRecordsTest extends RunRecordsContract {
    @Override
    protected ItemTable newTable(TableSchema schema) {
        String name = DynamoItemTableTest.uniqueName(schema.name());
        DynamoTables.create(Dynalite.client(), schema, name);
        return new DynamoItemTable(Dynalite.client(), schema, name);
    }
}
