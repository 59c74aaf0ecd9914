package dev.switchyard.ingest.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchyard.reactor.ports.TransientFailureException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WiringFromEnvironmentTest {
    /** Nothing listens on port 1: a client that connected at construction would fail there. */
    static final String NOWHERE = "http://127.0.0.1:1";

    @TempDir
    Path dir;

    private Map<String, String> fullEnvironment() {
        Map<String, String> env = new HashMap<>();
        env.put(Wiring.TABLE, "glue-control");
        env.put(Wiring.STATE_TABLE, "glue-control-state");
        env.put(Wiring.DYNAMODB_ENDPOINT, NOWHERE);
        env.put(Wiring.REGION, "eu-west-1");
        env.put(Wiring.STATE_MACHINE_ARN, "arn:aws:states:eu-west-1:123456789012:stateMachine:switchyard-orchestrator");
        env.put(Wiring.EVENT_BUS, "switchyard");
        env.put(Wiring.METRICS_FILE, dir.resolve("metrics.jsonl").toString());
        env.put(Wiring.GLUE_LOOKUP, "on");
        env.put(Wiring.STUCK_AFTER_MINUTES, "90");
        env.put(Wiring.ZONE, "Europe/Paris");
        return env;
    }

    @Test
    void shouldFailNamingTheVariable_whenTheTableIsMissing() {
        Map<String, String> env = fullEnvironment();
        env.remove(Wiring.TABLE);

        assertThatThrownBy(() -> Wiring.fromEnvironment(env))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("SWITCHYARD_TABLE is not set");
        assertThatThrownBy(() -> Wiring.fromEnvironment(Map.of(Wiring.TABLE, "  ")))
                .hasMessageContaining("SWITCHYARD_TABLE");
    }

    @Test
    void shouldFailNamingTheVariable_whenTheRegionIsMissing() {
        Map<String, String> env = fullEnvironment();
        env.remove(Wiring.REGION);

        assertThatThrownBy(() -> Wiring.fromEnvironment(env)).hasMessageStartingWith("AWS_REGION is not set");
    }

    @ParameterizedTest
    @CsvSource({
        "SWITCHYARD_GLUE_LOOKUP, maybe",
        "SWITCHYARD_STUCK_AFTER_MINUTES, 0",
        "SWITCHYARD_STUCK_AFTER_MINUTES, two hours",
        "SWITCHYARD_DYNAMODB_ENDPOINT, localhost",
        "SWITCHYARD_STATE_MACHINE_ARN, switchyard-orchestrator",
        "SWITCHYARD_ZONE, Mars/Olympus_Mons",
    })
    void shouldFailNamingTheVariable_whenAValueIsInvalid(String name, String value) {
        Map<String, String> env = fullEnvironment();
        env.put(name, value);

        assertThatThrownBy(() -> Wiring.fromEnvironment(env))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(name);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "SWITCHYARD_KAFKA_BOOTSTRAP | localhost",
                "SWITCHYARD_METRICS_TOPIC | job runs",
                "SWITCHYARD_AUDIT_TOPIC | ..",
                "SWITCHYARD_KAFKA_PROPERTIES | security.protocol=SSL",
                "SWITCHYARD_KAFKA_PROPERTIES | {\"acks\": \"1\"}",
                "SWITCHYARD_KAFKA_PROPERTIES | {\"linger.ms\": 5}",
                "SWITCHYARD_KAFKA_PROPERTIES | {\"batch.size\": \"big\"}",
                "SWITCHYARD_KAFKA_DELIVERY_TIMEOUT_SECONDS | 0",
                "SWITCHYARD_KAFKA_DELIVERY_TIMEOUT_SECONDS | soon",
            })
    void shouldFailNamingTheKafkaVariable_whenAValueIsInvalid(String name, String value) {
        Map<String, String> env = fullEnvironment();
        env.put(Wiring.KAFKA_BOOTSTRAP, "localhost:9092");
        env.put(name, value);

        assertThatThrownBy(() -> Wiring.fromEnvironment(env))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(name);
    }

    @Test
    void shouldRefuseKafkaTopics_withoutBootstrapServers() {
        Map<String, String> env = fullEnvironment();
        env.put(Wiring.METRICS_TOPIC, "runs");

        assertThatThrownBy(() -> Wiring.fromEnvironment(env))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "SWITCHYARD_METRICS_TOPIC is set but SWITCHYARD_KAFKA_BOOTSTRAP is not: set both, or neither");
    }

    @Test
    void shouldJudgeRunsForAnomalies_onlyWithAnEventBusToTellOf() {
        Map<String, String> env = fullEnvironment();
        env.put(Wiring.EVENT_BUS, "switchyard-events");
        Map<String, String> withoutBus = fullEnvironment();
        withoutBus.remove(Wiring.EVENT_BUS);

        assertThat(FromEnvironment.reactorConfig(FromEnvironment.Settings.read(env))
                        .anomalies())
                .isNotNull();
        assertThat(FromEnvironment.reactorConfig(FromEnvironment.Settings.read(withoutBus))
                        .anomalies())
                .isNull();
    }

    @Test
    void shouldConstructWithKafka_withoutTheNetwork() {
        Map<String, String> env = fullEnvironment();
        env.put(Wiring.KAFKA_BOOTSTRAP, "b-1.example.com:9094,b-2.example.com:9094");
        env.put(Wiring.KAFKA_PROPERTIES, "{\"security.protocol\": \"SSL\"}");

        assertThat(Wiring.fromEnvironment(env).reactor()).isNotNull();
    }

    @Test
    void shouldConstructWithoutTheNetwork_andFailOnlyWhenAStoreIsAsked() {
        Wiring wiring = Wiring.fromEnvironment(fullEnvironment());
        EventBridgeHandler events = new EventBridgeHandler(wiring);
        new TableStreamHandler(wiring);
        new ReconcileHandler(wiring);

        // The first request is the first contact: nothing listens there, which is a transient failure.
        assertThatThrownBy(() -> Harness.invoke(events, Harness.bytes("glue-job-run-status-running.json")))
                .isInstanceOf(TransientFailureException.class);
    }

    @Test
    void shouldConstructWithTheOptionalVariablesUnset() {
        Wiring wiring = Wiring.fromEnvironment(Map.of(Wiring.TABLE, "t", Wiring.REGION, "eu-west-1"));

        assertThat(wiring.reactor()).isNotNull();
        assertThat(wiring.reconciler()).isNotNull();
    }

    @Test
    void shouldSayWhichVariableIsMissing_whenARunIsDueWithoutAStateMachine() {
        assertThatThrownBy(() -> FromEnvironment.NO_STATE_MACHINE.start("STG", LocalDate.of(2026, 11, 30), null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("STG")
                .hasMessageContaining("SWITCHYARD_STATE_MACHINE_ARN is not set");
    }
}
