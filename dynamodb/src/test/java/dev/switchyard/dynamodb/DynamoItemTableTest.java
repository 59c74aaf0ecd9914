package dev.switchyard.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.reactor.store.Condition;
import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.store.ItemTableContract;
import dev.switchyard.reactor.store.MissingTableException;
import dev.switchyard.reactor.store.Path;
import dev.switchyard.reactor.store.Query;
import dev.switchyard.reactor.store.StoreUnavailableException;
import dev.switchyard.reactor.store.TableSchema;
import dev.switchyard.reactor.store.Update;
import dev.switchyard.reactor.store.WriteResult;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The item-table contract on DynamoDB's API (dynalite), and what the translation adds to it. */
class DynamoItemTableTest extends ItemTableContract {

    @Override
    protected ItemTable newTable(TableSchema schema) {
        String name = uniqueName(schema.name());
        DynamoTables.create(Dynalite.client(), schema, name);
        return new DynamoItemTable(Dynalite.client(), schema, name);
    }

    static String uniqueName(String role) {
        return role + "_" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void shouldTestAndWriteAttributes_whenTheirNamesNeedPlaceholders() {
        ItemTable table = newTable(BY_NAME);
        Map<String, Attr> item = item(
                "JobName", "J",
                "Name", "reserved word",
                "Status", "RUNNING",
                "a.b", "dotted",
                "with space", "spaced",
                "#hash", "hashed",
                ":colon", "coloned",
                "Map", new Attr.M(Map.of("x.y", new Attr.M(Map.of("Status", new Attr.S("deep"))))));
        table.put(item, Condition.ALWAYS);
        Condition all = Condition.and(
                Condition.eq("Name", new Attr.S("reserved word")),
                Condition.eq("Status", new Attr.S("RUNNING")),
                Condition.eq("a.b", new Attr.S("dotted")),
                Condition.eq("with space", new Attr.S("spaced")),
                Condition.eq("#hash", new Attr.S("hashed")),
                Condition.eq(":colon", new Attr.S("coloned")),
                Condition.compare(Path.of("Map", "x.y", "Status"), Condition.Op.EQ, new Attr.S("deep")),
                Condition.notExists("a"));

        WriteResult result = table.update(
                Map.of("JobName", new Attr.S("J")),
                Update.builder()
                        .set("Status", new Attr.S("DONE"))
                        .set(Path.of("Map", "x.y", "Status"), new Attr.S("deeper"))
                        .remove("a.b")
                        .add("#count", Attr.n(1))
                        .build(),
                all);

        assertThat(result).isInstanceOf(WriteResult.Applied.class);
        Map<String, Attr> after = ((WriteResult.Applied) result).item();
        assertThat(after)
                .containsEntry("Status", new Attr.S("DONE"))
                .containsEntry("#count", Attr.n(1))
                .containsEntry("Map", new Attr.M(Map.of("x.y", new Attr.M(Map.of("Status", new Attr.S("deeper"))))))
                .doesNotContainKey("a.b");
        assertThat(table.get(Map.of("JobName", new Attr.S("J")))).contains(after);
    }

    @Test
    void shouldTreatAnEmptyAndAsTrue_whenNestedInOrAndNot() {
        ItemTable table = newTable(BY_NAME);
        table.put(item("JobName", "J", "State", "RUNNING"), Condition.ALWAYS);
        Condition alwaysFalse = Condition.exists("Missing");

        assertThat(probe(table, Condition.or(alwaysFalse, Condition.ALWAYS))).isTrue();
        assertThat(probe(table, Condition.and(Condition.ALWAYS, Condition.exists("State"))))
                .isTrue();
        assertThat(probe(table, Condition.and(Condition.ALWAYS, alwaysFalse))).isFalse();
        assertThat(probe(table, Condition.not(Condition.ALWAYS))).isFalse();
        assertThat(probe(table, Condition.not(Condition.and(Condition.ALWAYS, Condition.ALWAYS))))
                .isFalse();
        assertThat(probe(table, Condition.and(Condition.and(), Condition.and(Condition.and()))))
                .isTrue();
    }

    @Test
    void shouldReturnTheItemAfterAnUpdate_andTheItemBeforeADelete() {
        ItemTable table = newTable(COMPOSITE);
        Map<String, Attr> key = item("PK", "P", "SK", "S");

        WriteResult updated = table.update(
                key, Update.builder().setIfNotExists("N", Attr.n(1)).build(), Condition.notExists("PK"));
        WriteResult deleted = table.delete(key, Condition.exists("N"));

        assertThat(updated).isEqualTo(new WriteResult.Applied(item("PK", "P", "SK", "S", "N", 1)));
        assertThat(deleted).isEqualTo(new WriteResult.Applied(item("PK", "P", "SK", "S", "N", 1)));
    }

    @Test
    void shouldRefuseWithDynamoDbsMessage_whenTheKeyDoesNotMatchTheSchema() {
        ItemTable table = newTable(COMPOSITE);

        assertThatThrownBy(() -> table.get(item("PK", "P")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key")
                .hasMessageContaining("GetItem");
    }

    @Test
    void shouldRefuseASortCondition_whenTheTableHasNoSortKey() {
        ItemTable table = newTable(BY_NAME);

        assertThatThrownBy(() -> table.query(Query.table("J", 10).sort(Query.SortCondition.beginsWith("x"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no sort key");
    }

    @Test
    void shouldRefuseAnIndexTheSchemaDoesNotHave() {
        ItemTable table = newTable(BY_NAME);

        assertThatThrownBy(() -> table.query(Query.index("NoSuchIndex", "J", 10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NoSuchIndex");
    }

    @Test
    void shouldNameTheMissingTable_whenItIsMissing() {
        ItemTable table = new DynamoItemTable(Dynalite.client(), BY_NAME, "no_such_table");

        assertThatThrownBy(() -> table.get(item("JobName", "J")))
                .isInstanceOf(MissingTableException.class)
                .hasMessageContaining("DynamoDB table no_such_table does not exist")
                .satisfies(e -> assertThat(((MissingTableException) e).table()).isEqualTo("no_such_table"));
    }

    @Test
    void shouldThrowStoreUnavailable_whenDynamoDbCannotBeReached() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        // Not retried, unlike DynamoTables.client's (the SDK's nine attempts take seconds); the failure
        // that reaches the table is the same.
        try (DynamoDbClient unreachable = DynamoDbClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(URI.create("http://127.0.0.1:" + closedPort))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build()) {
            ItemTable table = new DynamoItemTable(unreachable, BY_NAME, "any");

            assertThatThrownBy(() -> table.put(item("JobName", "J"), Condition.ALWAYS))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("PutItem");
        }
    }

    @Test
    void shouldReadEveryPage_whenQueryingBackwardsFromAStartKey() {
        ItemTable table = newTable(COMPOSITE);
        for (String sk : List.of("a", "b", "c", "d", "e")) {
            table.put(item("PK", "P", "SK", sk), Condition.ALWAYS);
        }

        var first = table.query(Query.table("P", 2).descending());
        var second = table.query(Query.table("P", 2).descending().after(first.lastKey()));

        assertThat(first.items()).extracting(i -> i.get("SK")).containsExactly(new Attr.S("e"), new Attr.S("d"));
        assertThat(second.items()).extracting(i -> i.get("SK")).containsExactly(new Attr.S("c"), new Attr.S("b"));
    }

    // dynalite orders keys by UTF-8 bytes as DynamoDB does; its conditions do too once
    // tools/dynalite/utf8-string-order.js is loaded (ItemTableContract.shouldOrderStringsByUtf8Bytes).
    @Test
    void shouldOrderSortKeysByUtf8Bytes_inQueriesAndKeyConditions() {
        ItemTable table = newTable(COMPOSITE);
        String bmp = "\uFF61";
        String astral = "\uD83D\uDE00";
        table.put(item("PK", "P", "SK", astral), Condition.ALWAYS);
        table.put(item("PK", "P", "SK", bmp), Condition.ALWAYS);

        assertThat(table.query(Query.table("P", 10)).items())
                .extracting(i -> i.get("SK"))
                .containsExactly(new Attr.S(bmp), new Attr.S(astral));
        assertThat(table.query(Query.table("P", 10).sort(Query.SortCondition.of(Query.SortCondition.Kind.LT, astral)))
                        .items())
                .extracting(i -> i.get("SK"))
                .containsExactly(new Attr.S(bmp));
        assertThat(probe(
                        table,
                        item("PK", "P", "SK", bmp),
                        Condition.compare(Path.of("SK"), Condition.Op.GT, new Attr.S(astral))))
                .isFalse();
    }

    private static boolean probe(ItemTable table, Map<String, Attr> key, Condition condition) {
        return table.update(
                        key, Update.builder().set("Probe", new Attr.Bool(true)).build(), condition)
                .applied();
    }

    private static boolean probe(ItemTable table, Condition condition) {
        return table.update(
                        item("JobName", "J"),
                        Update.builder().set("Probe", new Attr.Bool(true)).build(),
                        condition)
                .applied();
    }
}
