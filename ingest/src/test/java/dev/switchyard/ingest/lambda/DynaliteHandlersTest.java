package dev.switchyard.ingest.lambda;

import static dev.switchyard.ingest.lambda.Harness.JOB;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.contracts.table.ControlTableItem;
import dev.switchyard.dynamodb.Dynalite;
import dev.switchyard.dynamodb.DynamoItemTable;
import dev.switchyard.dynamodb.DynamoTables;
import dev.switchyard.reactor.table.ControlTable;
import dev.switchyard.reactor.table.Stamp;
import dev.switchyard.reactor.table.StateTable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The handlers as Lambda builds them, from the environment, against a DynamoDB-API server (dynalite). */
class DynaliteHandlersTest {
    @TempDir
    Path dir;

    private String table;
    private ControlTable control;
    private Map<String, String> env;

    @BeforeEach
    void createTables() {
        table = "switchyard-" + UUID.randomUUID();
        DynamoTables.create(Dynalite.client(), ControlTable.SCHEMA, table);
        DynamoTables.create(Dynalite.client(), StateTable.SCHEMA, table + "-state");
        control = new ControlTable(new DynamoItemTable(Dynalite.client(), ControlTable.SCHEMA, table));
        control.put(
                ControlTableItem.of(JOB, "RAW", "DAILY", "NO"),
                OptionalLong.empty(),
                new Stamp("alice", Instant.parse("2026-11-29T08:00:00Z")));
        env = Map.of(
                Wiring.TABLE,
                table,
                Wiring.DYNAMODB_ENDPOINT,
                Dynalite.endpoint().toString(),
                Wiring.REGION,
                "us-east-1",
                Wiring.GLUE_LOOKUP,
                "off",
                Wiring.METRICS_FILE,
                dir.resolve("metrics.jsonl").toString());
    }

    @Test
    void shouldWriteTheStatusFlagAndTheMetric_ofAGlueEvent() throws IOException {
        EventBridgeHandler handler = new EventBridgeHandler(Wiring.fromEnvironment(env));

        JsonNode response = Harness.invoke(handler, Harness.bytes("glue-job-state-change-failed.json"));

        assertThat(response.get("outcome").asText()).isEqualTo("APPLIED");
        Map<String, Attr> item = control.get(JOB).orElseThrow();
        assertThat(item.get(ControlTableItem.STATUS_FLAG)).isEqualTo(new Attr.S("FAILED"));
        List<String> metrics = Files.readAllLines(dir.resolve("metrics.jsonl"));
        assertThat(metrics)
                .singleElement()
                .asString()
                .contains("\"JobName\":\"MyJob\"")
                .contains("\"State\":\"FAILED\"");
        assertThat(Harness.invoke(handler, Harness.bytes("glue-job-state-change-failed.json"))
                        .get("outcome")
                        .asText())
                .isEqualTo("DUPLICATE");
    }

    @Test
    void shouldAuditAStreamBatch_andReportItsPoisonRecord() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        TableStreamHandler handler =
                new TableStreamHandler(FromEnvironment.wiring(env, new PrintStream(log, true, StandardCharsets.UTF_8)));
        var event = Harness.tree("ddb-stream-lambda.json");
        ((com.fasterxml.jackson.databind.node.ArrayNode) event.get("Records"))
                .add(Harness.tree("ddb-stream-lambda-devguide-example.json")
                        .get("Records")
                        .get(1));

        StreamsEventResponse response = handler.handleRequest(Harness.lambdaEvent(Harness.render(event)), null);

        assertThat(response.getBatchItemFailures())
                .extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("222");
        List<String> lines = log.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.stream().filter(l -> l.contains("\"kind\":\"audit\""))).hasSize(3);
        assertThat(lines.stream().filter(l -> l.contains("\"kind\":\"rejected\"")))
                .singleElement()
                .asString()
                .contains("\"level\":\"ERROR\"")
                .contains("sequence 222");
    }
}
