package dev.switchyard.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.contracts.Json;
import dev.switchyard.contracts.metric.JobRunMetric;
import dev.switchyard.contracts.metric.JobRunMetrics;
import dev.switchyard.contracts.table.JobRunState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class EmfMetricSinkTest {

    // The units CloudWatch accepts (StandardUnit), as the EMF specification requires of MetricDefinition.Unit.
    private static final Set<String> UNITS = Set.of(
            "Seconds",
            "Microseconds",
            "Milliseconds",
            "Bytes",
            "Kilobytes",
            "Megabytes",
            "Gigabytes",
            "Terabytes",
            "Bits",
            "Kilobits",
            "Megabits",
            "Gigabits",
            "Terabits",
            "Percent",
            "Count",
            "Bytes/Second",
            "Kilobytes/Second",
            "Megabytes/Second",
            "Gigabytes/Second",
            "Terabytes/Second",
            "Bits/Second",
            "Kilobits/Second",
            "Megabits/Second",
            "Gigabits/Second",
            "Terabits/Second",
            "Count/Second",
            "None");

    private static String emit(JobRunMetric metric) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            new EmfMetricSink(out).accept(metric);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static JsonNode parse(String line) {
        try {
            return Json.mapper().readTree(line);
        } catch (JsonProcessingException e) {
            throw new AssertionError(line, e);
        }
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false)
                .map(JsonNode::asText)
                .toList();
    }

    /**
     * The rules of the specification that a reader can check: the metadata object, each directive's
     * namespace, dimension sets and metric definitions, and that every member they name is on the root with a
     * value of the right kind.
     */
    private static void assertValidEmf(JsonNode root) {
        assertThat(root.isObject()).isTrue();
        JsonNode aws = root.get("_aws");
        assertThat(aws.isObject()).isTrue();
        assertThat(aws.get("Timestamp").isIntegralNumber()).isTrue();
        JsonNode directives = aws.get("CloudWatchMetrics");
        assertThat(directives.isArray()).isTrue();
        assertThat(directives).isNotEmpty();
        for (JsonNode directive : directives) {
            assertThat(directive.get("Namespace").isTextual()).isTrue();
            assertThat(directive.get("Namespace").asText()).isNotBlank();
            assertThat(directive.get("Dimensions").isArray()).isTrue();
            for (JsonNode set : directive.get("Dimensions")) {
                assertThat(set.isArray()).isTrue();
                assertThat(set.size()).isBetween(1, 30);
                for (String dimension : texts(set)) {
                    assertThat(root.get(dimension)).as(dimension).isNotNull();
                    assertThat(root.get(dimension).isTextual()).as(dimension).isTrue();
                    assertThat(root.get(dimension).asText()).as(dimension).isNotEmpty();
                }
            }
            JsonNode metrics = directive.get("Metrics");
            assertThat(metrics.size()).isBetween(1, 100);
            for (JsonNode definition : metrics) {
                String name = definition.get("Name").asText();
                assertThat(definition.get("Unit").asText()).isIn(UNITS);
                assertThat(root.get(name)).as(name).isNotNull();
                assertThat(root.get(name).isNumber()).as(name).isTrue();
            }
        }
    }

    @Test
    void shouldWriteOneEmfLine_whenARunFailed() {
        JobRunMetric metric = Samples.metric("sales_raw_load", "jr_1", JobRunState.FAILED, "prod");

        String out = emit(metric);

        assertThat(out).endsWith(System.lineSeparator());
        assertThat(out.strip()).doesNotContain("\n");
        JsonNode root = parse(out);
        assertValidEmf(root);
        assertThat(root.at("/_aws/Timestamp").asLong()).isEqualTo(Samples.EMITTED.toEpochMilli());
        JsonNode directive = root.at("/_aws/CloudWatchMetrics/0");
        assertThat(root.at("/_aws/CloudWatchMetrics").size()).isEqualTo(1);
        assertThat(directive.get("Namespace").asText()).isEqualTo("Switchyard");
        assertThat(directive.get("Dimensions").size()).isEqualTo(1);
        assertThat(texts(directive.at("/Dimensions/0"))).containsExactly("JobCategory", "JobName", "Environment");
        List<Map.Entry<String, String>> definitions = new ArrayList<>();
        directive
                .get("Metrics")
                .forEach(d -> definitions.add(
                        Map.entry(d.get("Name").asText(), d.get("Unit").asText())));
        assertThat(definitions)
                .containsExactly(
                        Map.entry("DurationSeconds", "Seconds"),
                        Map.entry("ExecutionTimeSeconds", "Seconds"),
                        Map.entry("Failed", "Count"));
        assertThat(root.get("DurationSeconds").asLong()).isEqualTo(312);
        assertThat(root.get("ExecutionTimeSeconds").asLong()).isEqualTo(300);
        assertThat(root.get("Failed").asInt()).isEqualTo(1);
        assertThat(root.get("JobCategory").asText()).isEqualTo("RAW");
        assertThat(root.get("JobName").asText()).isEqualTo("sales_raw_load");
        assertThat(root.get("Environment").asText()).isEqualTo("prod");
        assertThat(root.get("MetricId").asText()).isEqualTo(metric.metricId());
        assertThat(root.get("JobRunId").asText()).isEqualTo("jr_1");
        assertThat(root.get("State").asText()).isEqualTo("FAILED");
        assertThat(root.get("RunDate").asText()).isEqualTo("2026-11-30");
        assertThat(root.get("ErrorMessage").asText()).isEqualTo(metric.errorMessage());
        assertThat(root.get("EmittedAt").asText()).isEqualTo("2026-11-30T08:05:13.250Z");
    }

    @Test
    void shouldCountNoFailure_whenARunSucceeded_andLeaveOutAnAbsentEnvironment() {
        JsonNode root = parse(emit(Samples.metric("sales_raw_load", "jr_1", JobRunState.SUCCEEDED, null)));

        assertValidEmf(root);
        assertThat(root.get("Failed").asInt()).isZero();
        assertThat(texts(root.at("/_aws/CloudWatchMetrics/0/Dimensions/0"))).containsExactly("JobCategory", "JobName");
        assertThat(root.has("Environment")).isFalse();
    }

    @Test
    void shouldNameOnlyTheMetricsGlueReported() {
        JobRunMetric metric = new JobRunMetric(
                1,
                "m",
                "job",
                null,
                null,
                null,
                "jr_1",
                JobRunState.STOPPED,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                Samples.EMITTED);

        JsonNode root = parse(emit(metric));

        assertValidEmf(root);
        assertThat(texts(root.at("/_aws/CloudWatchMetrics/0/Dimensions/0"))).containsExactly("JobName");
        assertThat(root.at("/_aws/CloudWatchMetrics/0/Metrics")).hasSize(1);
        assertThat(root.at("/_aws/CloudWatchMetrics/0/Metrics/0/Name").asText()).isEqualTo("Failed");
        assertThat(root.get("Failed").asInt()).isEqualTo(1);
    }

    @Test
    void shouldCutALongErrorMessage() {
        JobRunMetric failed = Samples.metric("j", "jr_1", JobRunState.FAILED, null);
        JobRunMetric metric = new JobRunMetric(
                1,
                failed.metricId(),
                "j",
                "RAW",
                null,
                null,
                "jr_1",
                JobRunState.FAILED,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "x".repeat(100_000),
                Samples.EMITTED);

        JsonNode root = parse(emit(metric));

        assertThat(root.get("ErrorMessage").asText())
                .hasSize(EmfMetricSink.MAX_ERROR_MESSAGE + 1)
                .endsWith("…");
    }

    @Provide
    Arbitrary<JobRunMetric> metrics() {
        return JobRunMetrics.metrics();
    }

    @Property(tries = 300)
    void shouldWriteValidEmf_forEveryMetric(@ForAll("metrics") JobRunMetric metric) {
        String out = emit(metric);

        assertThat(out.strip()).doesNotContain("\n", "\r");
        JsonNode root = parse(out);
        assertValidEmf(root);
        assertThat(root.at("/_aws/Timestamp").asLong())
                .isEqualTo(metric.emittedAt().toEpochMilli());
        assertThat(root.get("Failed").asInt()).isEqualTo(metric.state() == JobRunState.SUCCEEDED ? 0 : 1);
        assertThat(root.get("MetricId").asText()).isEqualTo(metric.metricId());
    }
}
