package dev.switchyard.dynamodb;

import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.reactor.store.Condition;
import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.store.Page;
import dev.switchyard.reactor.store.Query;
import dev.switchyard.reactor.store.TableSchema;
import dev.switchyard.reactor.store.Update;
import dev.switchyard.reactor.store.WriteResult;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The store port on one DynamoDB table: each call is one DynamoDB request, the port's conditions and
 * updates written as DynamoDB's own expressions, so DynamoDB itself decides every condition.
 */
public final class DynamoItemTable implements ItemTable {
    private final DynamoDbClient client;
    private final TableSchema schema;
    private final String tableName;

    /**
     * @param client the client to call; the caller closes it
     * @param schema the table's shape (to know its key and indexes)
     * @param tableName the physical table name
     */
    public DynamoItemTable(DynamoDbClient client, TableSchema schema, String tableName) {
        this.client = Objects.requireNonNull(client, "client");
        this.schema = Objects.requireNonNull(schema, "schema");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    @Override
    public TableSchema schema() {
        return schema;
    }

    public String tableName() {
        return tableName;
    }

    @Override
    public Optional<Map<String, Attr>> get(Map<String, Attr> key) {
        var response = call(
                "GetItem",
                () -> client.getItem(b ->
                        b.tableName(tableName).key(AttributeValues.toItem(key)).consistentRead(true)));
        return response.hasItem() ? Optional.of(AttributeValues.fromItem(response.item())) : Optional.empty();
    }

    @Override
    public Page query(Query query) {
        TableSchema.Index index = query.index() == null ? null : index(query.index());
        String partitionKey = index == null ? schema.partitionKey() : index.partitionKey();
        String sortKey = index == null ? schema.sortKey() : index.sortKey();
        ExpressionWriter writer = new ExpressionWriter(schema.partitionKey());
        QueryRequest.Builder request = QueryRequest.builder()
                .tableName(tableName)
                .indexName(query.index())
                .keyConditionExpression(writer.keyCondition(partitionKey, query.partition(), sortKey, query.sort()))
                .expressionAttributeNames(writer.names())
                .expressionAttributeValues(writer.values())
                .scanIndexForward(query.forward())
                .limit(query.limit())
                // The port promises consistent reads except on global indexes, which DynamoDB only reads
                // eventually consistently (and refuses ConsistentRead on).
                .consistentRead(index == null || index.local());
        if (query.startAfter() != null) {
            request.exclusiveStartKey(AttributeValues.toItem(query.startAfter()));
        }
        var response = call("Query", () -> client.query(request.build()));
        return page(response.items(), response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : null);
    }

    @Override
    public Page scan(int limit, Map<String, Attr> startAfter) {
        ScanRequest.Builder request =
                ScanRequest.builder().tableName(tableName).limit(limit).consistentRead(true);
        if (startAfter != null) {
            request.exclusiveStartKey(AttributeValues.toItem(startAfter));
        }
        var response = call("Scan", () -> client.scan(request.build()));
        return page(response.items(), response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : null);
    }

    @Override
    public WriteResult put(Map<String, Attr> item, Condition condition) {
        ExpressionWriter writer = new ExpressionWriter(schema.partitionKey());
        PutItemRequest.Builder request = PutItemRequest.builder()
                .tableName(tableName)
                .item(AttributeValues.toItem(item))
                .conditionExpression(writer.condition(condition));
        placeholders(writer, request::expressionAttributeNames, request::expressionAttributeValues);
        // PutItem cannot return the new item (ReturnValues is NONE or ALL_OLD); what was put is the item.
        return write("PutItem", () -> {
            client.putItem(request.build());
            return item;
        });
    }

    @Override
    public WriteResult update(Map<String, Attr> key, Update update, Condition condition) {
        ExpressionWriter writer = new ExpressionWriter(schema.partitionKey());
        UpdateItemRequest.Builder request = UpdateItemRequest.builder()
                .tableName(tableName)
                .key(AttributeValues.toItem(key))
                .updateExpression(writer.update(update))
                .conditionExpression(writer.condition(condition))
                .returnValues(ReturnValue.ALL_NEW);
        placeholders(writer, request::expressionAttributeNames, request::expressionAttributeValues);
        return write(
                "UpdateItem",
                () -> AttributeValues.fromItem(
                        client.updateItem(request.build()).attributes()));
    }

    @Override
    public WriteResult delete(Map<String, Attr> key, Condition condition) {
        ExpressionWriter writer = new ExpressionWriter(schema.partitionKey());
        DeleteItemRequest.Builder request = DeleteItemRequest.builder()
                .tableName(tableName)
                .key(AttributeValues.toItem(key))
                .conditionExpression(writer.condition(condition))
                .returnValues(ReturnValue.ALL_OLD);
        placeholders(writer, request::expressionAttributeNames, request::expressionAttributeValues);
        // A missing item comes back without Attributes, which the SDK gives as an empty map.
        return write(
                "DeleteItem",
                () -> AttributeValues.fromItem(
                        client.deleteItem(request.build()).attributes()));
    }

    private TableSchema.Index index(String name) {
        return schema.index(name)
                .orElseThrow(() -> new IllegalArgumentException("table " + schema.name() + " has no index " + name));
    }

    private WriteResult write(String operation, Supplier<Map<String, Attr>> request) {
        try {
            return new WriteResult.Applied(call(operation, request));
        } catch (ConditionalCheckFailedException e) {
            return new WriteResult.ConditionFailed();
        }
    }

    private <T> T call(String operation, Supplier<T> request) {
        try {
            return request.get();
        } catch (ConditionalCheckFailedException e) {
            throw e;
        } catch (SdkException e) {
            throw DynamoFailures.translate(e, operation, tableName);
        }
    }

    // DynamoDB refuses an empty ExpressionAttributeNames or ExpressionAttributeValues map, so the maps are
    // set only when an expression uses them (an unconditional put uses neither).
    private static void placeholders(
            ExpressionWriter writer,
            Consumer<Map<String, String>> names,
            Consumer<Map<String, AttributeValue>> values) {
        if (!writer.names().isEmpty()) {
            names.accept(writer.names());
        }
        if (!writer.values().isEmpty()) {
            values.accept(writer.values());
        }
    }

    private static Page page(List<Map<String, AttributeValue>> items, Map<String, AttributeValue> lastKey) {
        return new Page(
                items.stream().map(AttributeValues::fromItem).toList(),
                lastKey == null || lastKey.isEmpty() ? null : AttributeValues.fromItem(lastKey));
    }
}
