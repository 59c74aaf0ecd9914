package dev.switchyard.dynamodb;

import dev.switchyard.reactor.store.TableSchema;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/** Creates DynamoDB tables from a {@link TableSchema} as deployment does, and builds the client to reach them. */
public final class DynamoTables {
    /** The credentials a development endpoint gets when the environment has none; it does not check them. */
    static final String DUMMY_CREDENTIAL = "switchyard";

    // Tables with indexes take a while to become ACTIVE on AWS; the SDK's own waiter polls every 20 s,
    // longer than a small table takes, so poll every second instead.
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration CREATE_TIMEOUT = Duration.ofMinutes(10);

    private DynamoTables() {}

    /** What {@link #create} did. */
    public record Result(String tableName, boolean created, Ttl ttl, String ttlDetail) {
        /** One line for a person: what was done to the table and to its expiry. */
        public String summary() {
            return (created ? "created DynamoDB table " : "DynamoDB table ") + tableName
                    + (created ? "" : " already exists") + "; " + ttlDetail;
        }
    }

    /** What became of the schema's time-to-live attribute. */
    public enum Ttl {
        /** The schema names no TTL attribute. */
        NOT_REQUESTED,
        /** TTL was enabled now. */
        ENABLED,
        /** TTL was already on for the attribute. */
        ALREADY_ENABLED,
        /** The endpoint cannot set TTL (dynalite has no UpdateTimeToLive); items do not expire there. */
        NOT_SET
    }

    /**
     * Creates the table (on-demand capacity, the schema's key and indexes, a stream when the schema is
     * streamed), waits until it is ACTIVE, then enables TTL when the schema names an attribute. A table
     * that exists already is checked instead: same key, same indexes.
     *
     * @throws IllegalStateException when a table of that name exists with another key or other indexes
     */
    public static Result create(DynamoDbClient client, TableSchema schema, String tableName) {
        try {
            boolean created = createIfMissing(client, schema, tableName);
            TableDescription table = waitUntilActive(client, tableName);
            if (!created) {
                checkMatches(schema, table);
            }
            return ttl(client, schema, tableName, created);
        } catch (SdkException e) {
            throw DynamoFailures.translate(e, "CreateTable", tableName);
        }
    }

    /**
     * A client with the URL-connection HTTP client and the SDK's default retries.
     *
     * @param endpointOrNull a DynamoDB-API endpoint other than AWS's own (dynalite, DynamoDB Local), or
     *     {@code null} for the region's
     * @param regionOrNull the region, or {@code null} for the SDK's default chain (with an endpoint given,
     *     us-east-1 when the environment and profile name none)
     */
    public static DynamoDbClient client(URI endpointOrNull, String regionOrNull) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
        if (endpointOrNull != null) {
            builder.endpointOverride(endpointOrNull).credentialsProvider(developmentCredentials());
        }
        if (regionOrNull != null) {
            builder.region(Region.of(regionOrNull));
        } else if (endpointOrNull != null) {
            builder.region(developmentRegion());
        }
        return builder.build();
    }

    /** The request {@link #create} sends: package-private so that tests can see what dynalite ignores. */
    static CreateTableRequest createTableRequest(TableSchema schema, String tableName) {
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(tableName)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attributeDefinitions(schema))
                .keySchema(keySchema(schema.partitionKey(), schema.sortKey()));
        List<GlobalSecondaryIndex> globals = new ArrayList<>();
        List<LocalSecondaryIndex> locals = new ArrayList<>();
        Projection all = Projection.builder().projectionType(ProjectionType.ALL).build();
        for (TableSchema.Index index : schema.indexes()) {
            List<KeySchemaElement> key = keySchema(index.partitionKey(), index.sortKey());
            if (index.local()) {
                locals.add(LocalSecondaryIndex.builder()
                        .indexName(index.name())
                        .keySchema(key)
                        .projection(all)
                        .build());
            } else {
                globals.add(GlobalSecondaryIndex.builder()
                        .indexName(index.name())
                        .keySchema(key)
                        .projection(all)
                        .build());
            }
        }
        // DynamoDB refuses an empty index list, so the lists are sent only when they hold an index.
        if (!globals.isEmpty()) {
            request.globalSecondaryIndexes(globals);
        }
        if (!locals.isEmpty()) {
            request.localSecondaryIndexes(locals);
        }
        if (schema.streamed()) {
            request.streamSpecification(StreamSpecification.builder()
                    .streamEnabled(true)
                    .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)
                    .build());
        }
        return request.build();
    }

    private static boolean createIfMissing(DynamoDbClient client, TableSchema schema, String tableName) {
        try {
            client.createTable(createTableRequest(schema, tableName));
            return true;
        } catch (ResourceInUseException e) {
            // https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html: the
            // table exists (or is being created or deleted).
            return false;
        }
    }

    private static TableDescription waitUntilActive(DynamoDbClient client, String tableName) {
        try (DynamoDbWaiter waiter = DynamoDbWaiter.builder()
                .client(client)
                .overrideConfiguration(o -> o.backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(POLL))
                        .waitTimeout(CREATE_TIMEOUT)
                        .maxAttempts((int) (CREATE_TIMEOUT.toSeconds() / POLL.toSeconds())))
                .build()) {
            var response = waiter.waitUntilTableExists(b -> b.tableName(tableName));
            return response.matched()
                    .response()
                    .orElseThrow(() -> new IllegalStateException("DynamoDB table " + tableName
                            + " did not become ACTIVE: "
                            + response.matched()
                                    .exception()
                                    .map(Throwable::getMessage)
                                    .orElse("no answer")))
                    .table();
        }
    }

    private static void checkMatches(TableSchema schema, TableDescription table) {
        List<String> differences = new ArrayList<>();
        compareKey("the table", keySchema(schema.partitionKey(), schema.sortKey()), table.keySchema(), differences);
        Map<String, List<KeySchemaElement>> actual = indexKeys(table);
        Map<String, TableSchema.Index> expected = new LinkedHashMap<>();
        schema.indexes().forEach(i -> expected.put(i.name(), i));
        Set<String> missing = new TreeSet<>(expected.keySet());
        missing.removeAll(actual.keySet());
        Set<String> extra = new TreeSet<>(actual.keySet());
        extra.removeAll(expected.keySet());
        if (!missing.isEmpty()) {
            differences.add("indexes missing: " + missing);
        }
        if (!extra.isEmpty()) {
            differences.add("indexes not in the schema: " + extra);
        }
        for (TableSchema.Index index : schema.indexes()) {
            if (actual.containsKey(index.name())) {
                compareKey(
                        "index " + index.name(),
                        keySchema(index.partitionKey(), index.sortKey()),
                        actual.get(index.name()),
                        differences);
            }
        }
        if (!differences.isEmpty()) {
            throw new IllegalStateException("DynamoDB table " + table.tableName() + " exists but is not the "
                    + schema.name() + " table Switchyard expects: " + String.join("; ", differences)
                    + ". Use another table name, or delete the table if nothing in it is needed.");
        }
    }

    private static Result ttl(DynamoDbClient client, TableSchema schema, String tableName, boolean created) {
        String attribute = schema.ttlAttribute();
        if (attribute == null) {
            return new Result(tableName, created, Ttl.NOT_REQUESTED, "no TTL attribute");
        }
        if (!created) {
            TimeToLiveDescription current =
                    client.describeTimeToLive(b -> b.tableName(tableName)).timeToLiveDescription();
            if (isOn(current) && attribute.equals(current.attributeName())) {
                return new Result(tableName, false, Ttl.ALREADY_ENABLED, "TTL on " + attribute + " already enabled");
            }
            if (isOn(current)) {
                throw new IllegalStateException("DynamoDB table " + tableName + " expires items by "
                        + current.attributeName() + ", not by " + attribute + " as Switchyard expects");
            }
        }
        try {
            client.updateTimeToLive(b -> b.tableName(tableName)
                    .timeToLiveSpecification(t -> t.attributeName(attribute).enabled(true)));
            return new Result(tableName, created, Ttl.ENABLED, "TTL on " + attribute + " enabled");
        } catch (DynamoDbException e) {
            if (!isUnknownOperation(e)) {
                throw e;
            }
            return new Result(
                    tableName,
                    created,
                    Ttl.NOT_SET,
                    "TTL on " + attribute + " not set: this endpoint does not implement UpdateTimeToLive ("
                            + DynamoFailures.errorCode(e) + "), so items will not expire here");
        }
    }

    private static boolean isOn(TimeToLiveDescription ttl) {
        return ttl != null
                && (ttl.timeToLiveStatus() == TimeToLiveStatus.ENABLED
                        || ttl.timeToLiveStatus() == TimeToLiveStatus.ENABLING);
    }

    // dynalite answers an operation it lacks with UnknownOperationException (HTTP 400); other emulators
    // answer 404 or 501. AWS itself implements UpdateTimeToLive, so none of these come from it.
    private static boolean isUnknownOperation(DynamoDbException e) {
        return DynamoFailures.errorCode(e).equals("UnknownOperationException")
                || e.statusCode() == 404
                || e.statusCode() == 501;
    }

    private static List<AttributeDefinition> attributeDefinitions(TableSchema schema) {
        Set<String> keys = new LinkedHashSet<>();
        keys.add(schema.partitionKey());
        if (schema.sortKey() != null) {
            keys.add(schema.sortKey());
        }
        for (TableSchema.Index index : schema.indexes()) {
            keys.add(index.partitionKey());
            keys.add(index.sortKey());
        }
        return keys.stream()
                .map(k -> AttributeDefinition.builder()
                        .attributeName(k)
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .toList();
    }

    private static List<KeySchemaElement> keySchema(String partitionKey, String sortKey) {
        List<KeySchemaElement> key = new ArrayList<>(2);
        key.add(KeySchemaElement.builder()
                .attributeName(partitionKey)
                .keyType(KeyType.HASH)
                .build());
        if (sortKey != null) {
            key.add(KeySchemaElement.builder()
                    .attributeName(sortKey)
                    .keyType(KeyType.RANGE)
                    .build());
        }
        return key;
    }

    private static Map<String, List<KeySchemaElement>> indexKeys(TableDescription table) {
        Map<String, List<KeySchemaElement>> keys = new LinkedHashMap<>();
        for (GlobalSecondaryIndexDescription index : table.globalSecondaryIndexes()) {
            keys.put(index.indexName(), index.keySchema());
        }
        for (LocalSecondaryIndexDescription index : table.localSecondaryIndexes()) {
            keys.put(index.indexName(), index.keySchema());
        }
        return keys;
    }

    private static void compareKey(
            String what, List<KeySchemaElement> expected, List<KeySchemaElement> actual, List<String> differences) {
        if (!describe(expected).equals(describe(actual))) {
            differences.add(what + " is keyed by " + describe(actual) + ", not " + describe(expected));
        }
    }

    private static List<String> describe(List<KeySchemaElement> key) {
        return key.stream()
                .map(k -> k.attributeName() + " " + k.keyTypeAsString())
                .toList();
    }

    // A development endpoint does not check credentials, so one must work without any AWS setup: the
    // environment's or the profile's when there are some, else dummy ones. Instance and container
    // metadata are not asked: off AWS that costs seconds of timeouts and finds nothing.
    private static AwsCredentialsProvider developmentCredentials() {
        return AwsCredentialsProviderChain.builder()
                .credentialsProviders(
                        EnvironmentVariableCredentialsProvider.create(),
                        SystemPropertyCredentialsProvider.create(),
                        ProfileCredentialsProvider.create(),
                        StaticCredentialsProvider.create(
                                AwsBasicCredentials.create(DUMMY_CREDENTIAL, DUMMY_CREDENTIAL)))
                .build();
    }

    // The SDK's region chain without its instance-metadata step (see above), then us-east-1: a local
    // endpoint answers whatever region the request is signed for.
    private static Region developmentRegion() {
        try {
            return new AwsRegionProviderChain(new SystemSettingsRegionProvider(), new AwsProfileRegionProvider())
                    .getRegion();
        } catch (SdkClientException e) {
            return Region.US_EAST_1;
        }
    }
}
