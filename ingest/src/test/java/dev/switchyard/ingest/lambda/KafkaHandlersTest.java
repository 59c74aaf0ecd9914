package dev.switchyard.ingest.lambda;

import static dev.switchyard.ingest.lambda.Harness.JOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.switchyard.contracts.Contracts;
import dev.switchyard.contracts.audit.AuditEntry;
import dev.switchyard.contracts.metric.JobRunMetric;
import dev.switchyard.contracts.table.ControlTableItem;
import dev.switchyard.dynamodb.Dynalite;
import dev.switchyard.dynamodb.DynamoItemTable;
import dev.switchyard.dynamodb.DynamoTables;
import dev.switchyard.kafka.EmbeddedKafka;
import dev.switchyard.kafka.SharedKafka;
import dev.switchyard.reactor.ports.TransientFailureException;
import dev.switchyard.reactor.table.ControlTable;
import dev.switchyard.reactor.table.Stamp;
import dev.switchyard.reactor.table.StateTable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The handlers as Lambda builds them with {@code SWITCHYARD_KAFKA_BOOTSTRAP}: on dynalite and a real broker, the
 * metric of a Glue event reaches the metrics topic (and the log, as EMF), and a stream batch's audit entries reach
 * the audit topic (and the log).
 */
class KafkaHandlersTest {
    private final EmbeddedKafka kafka = SharedKafka.get();
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final String metricsTopic = EmbeddedKafka.uniqueTopic("job-runs");
    private final String auditTopic = EmbeddedKafka.uniqueTopic("audit");
    private Map<String, String> env;

    @BeforeEach
    void createTables() {
        String table = "switchyard-" + UUID.randomUUID();
        DynamoTables.create(Dynalite.client(), ControlTable.SCHEMA, table);
        DynamoTables.create(Dynalite.client(), StateTable.SCHEMA, table + "-state");
        new ControlTable(new DynamoItemTable(Dynalite.client(), ControlTable.SCHEMA, table))
                .put(
                        ControlTableItem.of(JOB, "RAW", "DAILY", "NO"),
                        OptionalLong.empty(),
                        new Stamp("alice", Instant.parse("2026-11-29T08:00:00Z")));
        kafka.createTopic(metricsTopic, 1);
        kafka.createTopic(auditTopic, 1);
        env = new HashMap<>(Map.of(
                Wiring.TABLE,
                table,
                Wiring.DYNAMODB_ENDPOINT,
                Dynalite.endpoint().toString(),
                Wiring.REGION,
                "us-east-1",
                Wiring.GLUE_LOOKUP,
                "off",
                Wiring.KAFKA_BOOTSTRAP,
                kafka.bootstrapServers(),
                Wiring.METRICS_TOPIC,
                metricsTopic,
                Wiring.AUDIT_TOPIC,
                auditTopic));
    }

    private final List<Wiring> wirings = new java.util.ArrayList<>();

    private Wiring wiring() {
        Wiring wiring = FromEnvironment.wiring(env, new PrintStream(log, true, StandardCharsets.UTF_8));
        wirings.add(wiring);
        return wiring;
    }

    @org.junit.jupiter.api.AfterEach
    void closeTheProducers() throws Exception {
        for (Wiring wiring : wirings) {
            wiring.close();
        }
    }

    @Test
    void shouldWriteAGlueEventsMetric_toTheMetricsTopicAndAsEmf() throws IOException {
        EventBridgeHandler handler = new EventBridgeHandler(wiring());

        Harness.invoke(handler, Harness.bytes("glue-job-state-change-failed.json"));

        var records = kafka.consume(metricsTopic, 1, Duration.ofSeconds(20));
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo(JOB);
            JobRunMetric metric =
                    Contracts.fromJson(new String(record.value(), StandardCharsets.UTF_8), JobRunMetric.class);
            assertThat(metric.state().name()).isEqualTo("FAILED");
        });
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("\"CloudWatchMetrics\"");
    }

    @Test
    void shouldWriteAStreamBatchsAuditEntries_toTheAuditTopicAndTheLog() {
        TableStreamHandler handler = new TableStreamHandler(wiring());

        StreamsEventResponse response = handler.handleRequest(
                Harness.lambdaEvent(Harness.render(Harness.tree("ddb-stream-lambda.json"))), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        List<AuditEntry> entries = kafka.consume(auditTopic, 3, Duration.ofSeconds(20)).stream()
                .map(r -> Contracts.fromJson(new String(r.value(), StandardCharsets.UTF_8), AuditEntry.class))
                .toList();
        assertThat(entries).hasSize(3);
        assertThat(log.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("\"kind\":\"audit\"")))
                .hasSize(3);
    }

    @Test
    void shouldFailTheRestOfAStreamBatchUntried_whenKafkaIsDown() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            env.put(Wiring.KAFKA_BOOTSTRAP, "localhost:" + socket.getLocalPort());
        }
        env.put(Wiring.KAFKA_DELIVERY_TIMEOUT_SECONDS, "1");
        TableStreamHandler handler = new TableStreamHandler(wiring());

        StreamsEventResponse response = handler.handleRequest(
                Harness.lambdaEvent(Harness.render(Harness.tree("ddb-stream-lambda.json"))), null);

        // every record failed, in order, and only the first waited for the broker
        assertThat(response.getBatchItemFailures()).hasSize(3);
        assertThat(log.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("\"kind\":\"retry\"")))
                .singleElement()
                .asString()
                .contains("TransientFailureException");
    }

    @Test
    void shouldFailAGlueEventRetryably_whenKafkaIsDown() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            env.put(Wiring.KAFKA_BOOTSTRAP, "localhost:" + socket.getLocalPort());
        }
        env.put(Wiring.KAFKA_DELIVERY_TIMEOUT_SECONDS, "1");
        EventBridgeHandler handler = new EventBridgeHandler(wiring());

        assertThatThrownBy(() -> Harness.invoke(handler, Harness.bytes("glue-job-state-change-failed.json")))
                .isInstanceOf(TransientFailureException.class)
                .hasMessageContaining(metricsTopic);
    }
}
