package dev.switchyard.ingest.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.contracts.Json;
import dev.switchyard.reactor.react.ReactorConfig;
import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.store.StoreUnavailableException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The planner function as the state machine's Plan state invokes it: the state's parameters in, a slice out. */
class PlanHandlerTest {
    final Harness harness = new Harness();

    private JsonNode invoke(String json) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PlanHandler(harness.wiring())
                .handleRequest(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out, null);
        return Json.mapper().readTree(out.toByteArray());
    }

    @Test
    void shouldAnswerTheSliceTheDefinitionReads() throws IOException {
        JsonNode slice = invoke("""
                {"Input": {"JobCategory": "RAW"}, "ExecutionName": "RAW-x",
                 "StartTime": "2026-11-30T05:00:00.123Z"}""");

        assertThat(slice.path("JobCategory").asText()).isEqualTo("RAW");
        assertThat(slice.path("RunDate").asText()).isEqualTo("2026-11-30");
        assertThat(slice.path("Environment").isNull()).isTrue();
        assertThat(slice.path("Jobs").get(0).asText()).isEqualTo(Harness.JOB);
        assertThat(slice.path("MaxConcurrency").asInt()).isEqualTo(10);
        assertThat(slice.path("Arguments").path("--switchyard-run-date").asText())
                .isEqualTo("2026-11-30");
        assertThat(slice.path("Next").isNull()).isTrue();
        assertThat(slice.path("NextExecutionName").isNull()).isTrue();
        assertThat(slice.path("Rerun").asBoolean()).isFalse();
    }

    @Test
    void shouldRefuseInputThatCannotBePlannedNamingTheField() {
        assertThatThrownBy(() -> invoke("{\"Input\": {\"Category\": \"RAW\"}}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown field 'Category'");
        assertThatThrownBy(() -> invoke("{\"Input\": {\"JobCategory\": \"RAW\", \"RunDate\": \"2026-13-01\"}}"))
                .hasMessageContaining("RunDate '2026-13-01' is not a date");
        assertThatThrownBy(() -> invoke("{\"Input\": {\"JobCategory\": 7}}"))
                .hasMessageContaining("JobCategory must be a string");
        assertThatThrownBy(() -> invoke("{\"Input\": {}}")).hasMessageContaining("JobCategory is required");
        assertThatThrownBy(() -> invoke("not json")).hasMessageContaining("planner input is not JSON");
    }

    @Test
    void shouldThrowTheRetriedErrorWhenItsStoreIsDown() {
        ItemTable down = (ItemTable) Proxy.newProxyInstance(
                ItemTable.class.getClassLoader(), new Class<?>[] {ItemTable.class}, (proxy, method, args) -> {
                    if (method.getName().equals("schema")) {
                        return harness.stateItems.schema();
                    }
                    throw new StoreUnavailableException("throttled", null);
                });
        Wiring wiring =
                Wiring.of(harness.control, down, harness.ports(), ReactorConfig.defaults(), r -> {}, harness.clock);
        PlanHandler handler = new PlanHandler(wiring);
        JsonNode request = Json.mapper()
                .createObjectNode()
                .set("Input", Json.mapper().createObjectNode().put("JobCategory", "RAW"));
        assertThatThrownBy(() -> handler.handle(request))
                .isInstanceOf(PlannerUnavailableException.class)
                .hasMessageContaining("throttled");
    }

    @Test
    void shouldRecordAJobThatCouldNotStartAsAFailedRunThatBlocksItsCategoryRun() throws IOException {
        invoke("{\"Input\": {\"JobCategory\": \"RAW\", \"RunDate\": \"2026-11-30\"}, \"ExecutionName\": \"RAW-x\"}");
        String notStarted = """
                {"NotStarted": {"JobName": "MyJob",
                  "Arguments": {"--switchyard-category": "RAW", "--switchyard-run-date": "2026-11-30"},
                  "Error": {"Error": "Glue.EntityNotFoundException", "Cause": "Job MyJob not found"}},
                 "ExecutionName": "RAW-x"}""";

        JsonNode first = invoke(notStarted);
        // the state machine retries the call a few seconds later: the same job, recorded once
        harness.clock = java.time.Clock.fixed(Harness.NOW.plusSeconds(3), java.time.ZoneOffset.UTC);
        JsonNode again = invoke(notStarted);

        assertThat(first.path("outcome").asText()).isEqualTo("APPLIED");
        assertThat(again.path("outcome").asText()).isEqualTo("DUPLICATE");
        assertThat(harness.column(Harness.JOB, "StatusFlag")).contains("FAILED");
        assertThat(harness.column(Harness.JOB, "LastError"))
                .contains("did not start: Glue.EntityNotFoundException: Job MyJob not found");
        assertThat(harness.domainEvents)
                .singleElement()
                .isInstanceOf(dev.switchyard.contracts.domain.DomainEvent.CategoryRunBlocked.class);
        assertThat(harness.metrics)
                .singleElement()
                .satisfies(m -> assertThat(m.state().name()).isEqualTo("FAILED"));
    }

    @Test
    void shouldRefuseANotStartedJobWithoutItsCategoryRun() {
        assertThatThrownBy(() -> invoke("{\"NotStarted\": {\"JobName\": \"MyJob\", \"Arguments\": {}}}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--switchyard-category");
    }
}
