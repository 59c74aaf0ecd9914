package dev.switchyard.ingest.lambda;

import static dev.switchyard.ingest.lambda.Harness.JOB;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.contracts.table.ControlTableItem;
import dev.switchyard.contracts.table.JobRunState;
import dev.switchyard.reactor.ports.GlueRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReconcileHandlerTest {
    static final String RUN = "jr_6aa58e7a3aa44e2e4c7db2c50e2f7396cb57901729e4b702dcb2cfbbeb3f7a86";

    private final Harness harness = new Harness();

    @Test
    void shouldSummarize_aSweepThatFindsNothing() {
        JsonNode summary = sweep();

        assertThat(summary.get("jobsStuck").asInt()).isZero();
        assertThat(summary.get("entriesPending").asInt()).isZero();
        assertThat(summary.get("runsFound").asInt()).isZero();
        assertThat(summary.get("outcomes").size()).isZero();
        assertThat(summary.get("triggered").size()).isZero();
    }

    @Test
    void shouldApplyTheFinalStateGlueKnows_ofARunThatLooksStuck() throws IOException {
        // The job was last seen RUNNING in 2018; Glue knows the run succeeded.
        Harness.invoke(new EventBridgeHandler(harness.wiring()), Harness.bytes("glue-job-run-status-running.json"));
        harness.glue.runs.put(
                RUN,
                new GlueRun(
                        JOB,
                        RUN,
                        JobRunState.SUCCEEDED,
                        Instant.parse("2018-04-24T20:55:47.941Z"),
                        Instant.parse("2018-04-24T21:10:00Z"),
                        850L,
                        0,
                        2.0,
                        null,
                        null,
                        null,
                        Map.of()));

        JsonNode summary = sweep();

        assertThat(summary.get("failures")).as(summary.toString()).isEmpty();
        assertThat(summary.get("jobsStuck").asInt()).isEqualTo(1);
        assertThat(summary.get("runsFound").asInt()).isEqualTo(1);
        assertThat(summary.get("outcomes").get("APPLIED").asInt()).isEqualTo(1);
        assertThat(harness.column(JOB, ControlTableItem.STATUS_FLAG)).contains("SUCCEEDED");
    }

    private JsonNode sweep() {
        String summary = new ReconcileHandler(harness.wiring()).handleRequest(Map.of(), null);
        return Harness.tree(summary.getBytes(StandardCharsets.UTF_8));
    }
}
