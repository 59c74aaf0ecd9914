package dev.switchyard.contracts.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.contracts.ContractSchemas;
import dev.switchyard.contracts.Contracts;
import dev.switchyard.contracts.Json;
import dev.switchyard.contracts.table.JobRunState;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The JSON text of a metric is pinned, and what is not a valid metric is refused, naming the field. */
class JobRunMetricContractTest {

    static final JobRunMetric METRIC = new JobRunMetric(
            JobRunMetric.SCHEMA_VERSION,
            JobRunMetric.metricId("sales_raw_load", "jr_0123abcd", JobRunState.FAILED),
            "sales_raw_load",
            "RAW",
            "prod",
            LocalDate.of(2026, 11, 30),
            "jr_0123abcd",
            JobRunState.FAILED,
            Instant.parse("2026-11-30T08:00:00Z"),
            Instant.parse("2026-11-30T08:05:12Z"),
            312L,
            300L,
            1,
            10.0,
            "G.1X",
            10,
            "Container killed: Ω out of memory",
            Instant.parse("2026-11-30T08:05:13.250Z"));

    // Consumers parse these names: a rename or a changed date format must be a deliberate new version.
    static final String METRIC_JSON = "{\"SchemaVersion\":1,\"MetricId\":\"6ce39ca7a23b3663aeb9af4cc43cd1c8\","
            + "\"JobName\":\"sales_raw_load\",\"JobCategory\":\"RAW\",\"Environment\":\"prod\","
            + "\"RunDate\":\"2026-11-30\",\"JobRunId\":\"jr_0123abcd\",\"State\":\"FAILED\","
            + "\"StartedOn\":\"2026-11-30T08:00:00Z\",\"CompletedOn\":\"2026-11-30T08:05:12Z\","
            + "\"DurationSeconds\":312,\"ExecutionTimeSeconds\":300,\"Attempt\":1,\"MaxCapacity\":10.0,"
            + "\"WorkerType\":\"G.1X\",\"NumberOfWorkers\":10,\"ErrorMessage\":\"Container killed: Ω out of memory\","
            + "\"EmittedAt\":\"2026-11-30T08:05:13.250Z\"}";

    @Test
    void shouldWriteThePinnedJson() {
        assertThat(METRIC.metricId()).isEqualTo("6ce39ca7a23b3663aeb9af4cc43cd1c8");
        assertThat(Contracts.toJson(METRIC)).isEqualTo(METRIC_JSON);
        assertThat(Contracts.fromJson(METRIC_JSON, JobRunMetric.class)).isEqualTo(METRIC);
        assertThat(ContractSchemas.problems(ContractSchemas.JOB_RUN_METRIC, METRIC_JSON))
                .isEmpty();
    }

    @Test
    void shouldLeaveOutWhatGlueDidNotReport() {
        JobRunMetric bare = new JobRunMetric(
                1,
                "m",
                "job",
                null,
                null,
                null,
                "jr_1",
                JobRunState.SUCCEEDED,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                Instant.parse("2026-11-30T08:05:13Z"));

        String json = Contracts.toJson(bare);

        assertThat(json)
                .isEqualTo("{\"SchemaVersion\":1,\"MetricId\":\"m\",\"JobName\":\"job\",\"JobRunId\":\"jr_1\","
                        + "\"State\":\"SUCCEEDED\",\"EmittedAt\":\"2026-11-30T08:05:13Z\"}");
        assertThat(ContractSchemas.problems(ContractSchemas.JOB_RUN_METRIC, json))
                .isEmpty();
    }

    @Test
    void shouldRefuse_whenMetricIdIsMissing() {
        assertRefused(json -> json.remove("MetricId"), "JobRunMetric: MetricId is missing");
    }

    @Test
    void shouldRefuse_whenStateIsNotFinal() {
        assertRefused(json -> json.put("State", "RUNNING"), "State RUNNING is not final");
    }

    @Test
    void shouldRefuse_whenStateIsUnknown() {
        assertRefused(json -> json.put("State", "success"), "State: cannot read 'success'");
    }

    @Test
    void shouldRefuse_whenAPropertyIsUnknown() {
        assertRefused(json -> json.put("Colour", "blue"), "JobRunMetric: unknown property 'Colour'");
    }

    @Test
    void shouldRefuse_whenARunDateIsNoDate() {
        assertRefused(json -> json.put("RunDate", "2026-02-30"), "RunDate");
    }

    @Test
    void shouldRefuse_whenAnInstantHasNoZone() {
        assertRefused(json -> json.put("EmittedAt", "2026-11-30T08:05:13"), "EmittedAt");
    }

    @Test
    void shouldRefuse_whenTheSchemaVersionIsAnother() {
        assertRefused(json -> json.put("SchemaVersion", 2), "SchemaVersion 2 is not supported");
    }

    @Test
    void shouldRefuse_whenTheDurationIsNegative() {
        assertRefused(json -> json.put("DurationSeconds", -1), "DurationSeconds -1 is negative");
    }

    @Test
    void shouldRefuse_whenANumberIsText() {
        assertRefused(json -> json.put("Attempt", "first"), "Attempt");
    }

    @Test
    void shouldRefuseWhatIsNotOneJsonObject() {
        assertThatThrownBy(() -> Contracts.fromJson("{\"SchemaVersion\":1,", JobRunMetric.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("JobRunMetric: not valid JSON at line 1");
        assertThatThrownBy(() -> Contracts.fromJson("null", JobRunMetric.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("found null");
        assertThatThrownBy(() -> Contracts.fromJson(METRIC_JSON + " " + METRIC_JSON, JobRunMetric.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JobRunMetric");
        assertThatThrownBy(() -> Contracts.fromJson("[]", JobRunMetric.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JobRunMetric");
    }

    /** Both the reader and the schema refuse the changed metric; the reader's message names the field. */
    private static void assertRefused(Consumer<ObjectNode> change, String message) {
        ObjectNode json = (ObjectNode) readTree(METRIC_JSON);
        change.accept(json);
        String text = json.toString();

        assertThatThrownBy(() -> Contracts.fromJson(text, JobRunMetric.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
        assertThat(ContractSchemas.problems(ContractSchemas.JOB_RUN_METRIC, text))
                .as(text)
                .isNotEmpty();
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
