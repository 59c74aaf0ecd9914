package dev.switchyard.dynamodb;

import dev.switchyard.reactor.react.ReactorContract;
import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.store.TableSchema;

/** The reactor's conditional writes and delivery guarantees on DynamoDB's API (dynalite). */
class DynamoReactorTest extends ReactorContract {
    @Override
    protected ItemTable newTable(TableSchema schema) {
        String name = DynamoItemTableTest.uniqueName(schema.name());
        DynamoTables.create(Dynalite.client(), schema, name);
        return new DynamoItemTable(Dynalite.client(), schema, name);
    }

    @Override
    protected int days() {
        return 2;
    }
}
