package dev.switchyard.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchyard.reactor.store.ItemTableContract;
import dev.switchyard.reactor.store.TableSchema;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** Creating tables as deployment does, against dynalite. */
class DynamoTablesTest {
    private static final TableSchema BY_NAME = ItemTableContract.BY_NAME;
    private static final TableSchema COMPOSITE = ItemTableContract.COMPOSITE;

    @Test
    void shouldCreateAnActiveTable_withTheSchemasKeyAndIndexes() {
        String name = DynamoItemTableTest.uniqueName("tables");

        DynamoTables.Result result = DynamoTables.create(Dynalite.client(), COMPOSITE, name);
        TableDescription table = describe(name);

        assertThat(result.created()).isTrue();
        assertThat(table.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(table.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(table.keySchema())
                .extracting(k -> k.attributeName() + " " + k.keyType())
                .containsExactly("PK HASH", "SK RANGE");
        assertThat(table.localSecondaryIndexes()).singleElement().satisfies(index -> {
            assertThat(index.indexName()).isEqualTo("ByTime");
            assertThat(index.projection().projectionType()).isEqualTo(ProjectionType.ALL);
        });
    }

    @Test
    void shouldReportAlreadyExists_whenCreatingTwice() {
        String name = DynamoItemTableTest.uniqueName("twice");
        DynamoTables.create(Dynalite.client(), BY_NAME, name);

        DynamoTables.Result again = DynamoTables.create(Dynalite.client(), BY_NAME, name);

        assertThat(again.created()).isFalse();
        assertThat(again.summary()).contains(name + " already exists");
    }

    @Test
    void shouldNameTheDifference_whenATableOfThatNameHasAnotherKey() {
        String name = DynamoItemTableTest.uniqueName("other_key");
        DynamoTables.create(Dynalite.client(), BY_NAME, name);

        assertThatThrownBy(() -> DynamoTables.create(Dynalite.client(), COMPOSITE, name))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(name)
                .hasMessageContaining("keyed by [JobName HASH], not [PK HASH, SK RANGE]")
                .hasMessageContaining("indexes missing: [ByTime]")
                .hasMessageContaining("indexes not in the schema: [JobCategory-index]");
    }

    @Test
    void shouldNameTheDifference_whenAnIndexHasAnotherKey() {
        String name = DynamoItemTableTest.uniqueName("other_index");
        DynamoTables.create(Dynalite.client(), BY_NAME, name);
        TableSchema otherIndexKey = new TableSchema(
                BY_NAME.name(),
                "JobName",
                null,
                List.of(new TableSchema.Index("JobCategory-index", "JobCategory", "Priority", false)),
                true,
                null);

        assertThatThrownBy(() -> DynamoTables.create(Dynalite.client(), otherIndexKey, name))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("index JobCategory-index is keyed by [JobCategory HASH, JobName RANGE]");
    }

    // dynalite drops StreamSpecification (it has no streams: DescribeTable shows none), so the request is
    // what can be checked here.
    @Test
    void shouldAskForANewAndOldImageStream_whenTheSchemaIsStreamed() {
        CreateTableRequest streamed = DynamoTables.createTableRequest(BY_NAME, "t");
        CreateTableRequest notStreamed = DynamoTables.createTableRequest(COMPOSITE, "t");

        assertThat(streamed.streamSpecification().streamEnabled()).isTrue();
        assertThat(streamed.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        assertThat(notStreamed.streamSpecification()).isNull();
    }

    @Test
    void shouldDefineEveryKeyAttributeOnceAsAString_andProjectAllIntoIndexes() {
        CreateTableRequest request = DynamoTables.createTableRequest(BY_NAME, "t");

        assertThat(request.attributeDefinitions())
                .extracting(d -> d.attributeName() + " " + d.attributeTypeAsString())
                .containsExactly("JobName S", "JobCategory S");
        assertThat(request.globalSecondaryIndexes()).singleElement().satisfies(index -> {
            assertThat(index.keySchema())
                    .extracting(k -> k.attributeName() + " " + k.keyType())
                    .containsExactly("JobCategory " + KeyType.HASH, "JobName " + KeyType.RANGE);
            assertThat(index.projection().projectionType()).isEqualTo(ProjectionType.ALL);
        });
        assertThat(request.hasLocalSecondaryIndexes()).isFalse();
    }

    @Test
    void shouldReportTtlNotSet_whenTheEndpointHasNoUpdateTimeToLive() {
        String name = DynamoItemTableTest.uniqueName("ttl");

        DynamoTables.Result created = DynamoTables.create(Dynalite.client(), COMPOSITE, name);
        DynamoTables.Result again = DynamoTables.create(Dynalite.client(), COMPOSITE, name);

        assertThat(created.ttl()).isEqualTo(DynamoTables.Ttl.NOT_SET);
        assertThat(created.ttlDetail()).contains("ExpiresAt").contains("UpdateTimeToLive");
        assertThat(again.ttl()).isEqualTo(DynamoTables.Ttl.NOT_SET);
    }

    @Test
    void shouldReportNoTtl_whenTheSchemaHasNone() {
        DynamoTables.Result result =
                DynamoTables.create(Dynalite.client(), BY_NAME, DynamoItemTableTest.uniqueName("no_ttl"));

        assertThat(result.ttl()).isEqualTo(DynamoTables.Ttl.NOT_REQUESTED);
    }

    private static TableDescription describe(String name) {
        return Dynalite.client().describeTable(b -> b.tableName(name)).table();
    }
}
