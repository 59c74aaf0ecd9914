package dev.switchyard.ingest.lambda;

import static dev.switchyard.ingest.lambda.Harness.JOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.contracts.event.GlueArguments;
import dev.switchyard.contracts.table.ControlTableItem;
import dev.switchyard.contracts.table.JobRunState;
import dev.switchyard.reactor.ports.GlueRun;
import dev.switchyard.reactor.ports.TransientFailureException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventBridgeHandlerTest {
    static final String SUCCEEDED_RUN = "jr_abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789";

    private final Harness harness = new Harness();

    @ParameterizedTest
    @CsvSource({
        "glue-job-state-change-succeeded.json, SUCCEEDED",
        "glue-job-state-change-failed.json, FAILED",
        "glue-job-state-change-timeout.json, TIMEOUT",
        "glue-job-run-status-running.json, RUNNING",
    })
    void shouldWriteTheStatusFlag_whenGlueReportsAState(String fixture, String state) throws IOException {
        JsonNode response = Harness.invoke(new EventBridgeHandler(harness.wiring()), Harness.bytes(fixture));

        assertThat(response.get("outcome").asText()).isEqualTo("APPLIED");
        assertThat(response.get("detail").asText()).contains(state).contains(JOB);
        assertThat(harness.column(JOB, ControlTableItem.STATUS_FLAG)).contains(state);
        assertThat(harness.rejections).isEmpty();
    }

    @Test
    void shouldEmitAMetric_forAFinalRun() throws IOException {
        Harness.invoke(new EventBridgeHandler(harness.wiring()), Harness.bytes("glue-job-state-change-succeeded.json"));

        assertThat(harness.metrics).singleElement().satisfies(metric -> {
            assertThat(metric.jobName()).isEqualTo(JOB);
            assertThat(metric.state()).isEqualTo(JobRunState.SUCCEEDED);
        });
    }

    @Test
    void shouldAnswerDuplicate_whenTheSameEventIsDeliveredAgain() throws IOException {
        EventBridgeHandler handler = new EventBridgeHandler(harness.wiring());
        byte[] event = Harness.bytes("glue-job-state-change-succeeded.json");

        Harness.invoke(handler, event);
        JsonNode again = Harness.invoke(handler, event);

        assertThat(again.get("outcome").asText()).isEqualTo("DUPLICATE");
        assertThat(harness.metrics).hasSize(1);
    }

    @Test
    void shouldReportARejectedEvent_andReturnNormally() throws IOException {
        String bad = new String(Harness.bytes("glue-job-state-change-succeeded.json"), StandardCharsets.UTF_8)
                .replace("\"SUCCEEDED\"", "\"EXPLODED\"");

        JsonNode response =
                Harness.invoke(new EventBridgeHandler(harness.wiring()), bad.getBytes(StandardCharsets.UTF_8));

        assertThat(response.get("outcome").asText()).isEqualTo("REJECTED");
        assertThat(harness.rejections).singleElement().satisfies(rejection -> {
            assertThat(rejection.where()).isEqualTo("EventBridge event");
            assertThat(rejection.reason()).contains("EXPLODED");
            assertThat(rejection.record()).contains("MyJob");
        });
        assertThat(response.get("detail").asText())
                .isEqualTo(harness.rejections.getFirst().reason());
        assertThat(harness.column(JOB, ControlTableItem.STATUS_FLAG)).isEmpty();
    }

    @Test
    void shouldRejectWhatIsNotJson_andReturnNormally() throws IOException {
        JsonNode response =
                Harness.invoke(new EventBridgeHandler(harness.wiring()), "not json".getBytes(StandardCharsets.UTF_8));

        assertThat(response.get("outcome").asText()).isEqualTo("REJECTED");
        assertThat(harness.rejections).hasSize(1);
    }

    @Test
    void shouldThrow_whenTheEventIsDeferred_soThatLambdaRetriesIt() {
        // Glue's arguments name a category run that is not open yet.
        harness.glue.runs.put(
                SUCCEEDED_RUN, run(Map.of(GlueArguments.CATEGORY, "RAW", GlueArguments.RUN_DATE, "2026-11-30")));
        EventBridgeHandler handler = new EventBridgeHandler(harness.wiring());

        assertThatThrownBy(() -> Harness.invoke(handler, Harness.bytes("glue-job-state-change-succeeded.json")))
                .isInstanceOf(EventDeferredException.class)
                .hasMessageContaining("RAW")
                .hasMessageContaining("2026-11-30");
        assertThat(harness.rejections).isEmpty();
    }

    @Test
    void shouldLetATransientFailurePropagate() {
        harness.glue.failure = new TransientFailureException("Glue is throttling (injected)", null);
        EventBridgeHandler handler = new EventBridgeHandler(harness.wiring());

        assertThatThrownBy(() -> Harness.invoke(handler, Harness.bytes("glue-job-state-change-failed.json")))
                .isInstanceOf(TransientFailureException.class);
        assertThat(harness.rejections).isEmpty();
    }

    @Test
    void shouldAnswerUnknownJob_forAJobNotInTheControlTable() throws IOException {
        String other = new String(Harness.bytes("glue-job-state-change-stopped.json"), StandardCharsets.UTF_8)
                .replace("\"MyJob\"", "\"SomeoneElsesJob\"");

        JsonNode response =
                Harness.invoke(new EventBridgeHandler(harness.wiring()), other.getBytes(StandardCharsets.UTF_8));

        assertThat(response.get("outcome").asText()).isEqualTo("UNKNOWN_JOB");
        assertThat(harness.rejections).isEmpty();
    }

    @Test
    void shouldIgnoreAnExecutionOfACategoryRunThatIsNotOpen() throws IOException {
        JsonNode response = Harness.invoke(
                new EventBridgeHandler(harness.wiring()), Harness.bytes("sfn-execution-status-change-succeeded.json"));

        assertThat(response.get("outcome").asText()).isEqualTo("IGNORED");
        assertThat(harness.starts).isEmpty();
    }

    private static GlueRun run(Map<String, String> arguments) {
        return new GlueRun(
                JOB,
                SUCCEEDED_RUN,
                JobRunState.SUCCEEDED,
                Instant.parse("2017-09-07T18:50:00Z"),
                Instant.parse("2017-09-07T18:57:00Z"),
                400L,
                0,
                2.0,
                "G.1X",
                2,
                null,
                arguments);
    }
}
