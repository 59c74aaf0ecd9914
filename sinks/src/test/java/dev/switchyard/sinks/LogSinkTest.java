package dev.switchyard.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.contracts.Json;
import dev.switchyard.contracts.event.Rejection;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class LogSinkTest {

    private static <T> String log(Function<PrintStream, LogSink<T>> sink, T value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            sink.apply(out).accept(value);
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

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void shouldWriteARejectionAsOneJsonLine_levelAndKindFirst() {
        Rejection rejection = new Rejection("line 12", "JobName: missing", "{\"detail\":\n{}}");

        String out = log(LogSink::rejections, rejection);

        assertThat(out.strip()).doesNotContain("\n");
        JsonNode line = parse(out);
        assertThat(names(line)).containsExactly("level", "kind", "where", "reason", "record");
        assertThat(line.get("level").asText()).isEqualTo("ERROR");
        assertThat(line.get("kind").asText()).isEqualTo("rejected");
        assertThat(line.get("reason").asText()).isEqualTo("JobName: missing");
        assertThat(line.get("record").asText()).isEqualTo("{\"detail\":\n{}}");
    }

    @Test
    void shouldWriteAMetricWithItsContractNames() {
        JsonNode line = parse(log(out -> new LogSink<>(out, "INFO", "metric"), Samples.metric("j", "jr_1")));

        assertThat(line.get("kind").asText()).isEqualTo("metric");
        assertThat(line.get("MetricId").asText())
                .isEqualTo(Samples.metric("j", "jr_1").metricId());
        assertThat(line.get("EmittedAt").asText()).isEqualTo("2026-11-30T08:05:13.250Z");
    }

    @Test
    void shouldNestAValue_whenItIsNoObject() {
        JsonNode line = parse(log(LogSink::audit, "just text"));

        assertThat(names(line)).containsExactly("level", "kind", "value");
        assertThat(line.get("level").asText()).isEqualTo("INFO");
        assertThat(line.get("value").asText()).isEqualTo("just text");
    }

    @Test
    void shouldNestAValue_whenItHasALevelOfItsOwn() {
        JsonNode line = parse(log(LogSink::rejections, Map.of("level", "DEBUG")));

        assertThat(line.get("level").asText()).isEqualTo("ERROR");
        assertThat(line.at("/value/level").asText()).isEqualTo("DEBUG");
    }
}
