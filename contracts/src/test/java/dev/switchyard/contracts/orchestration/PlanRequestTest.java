package dev.switchyard.contracts.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class PlanRequestTest {
    static ObjectNode task(ObjectNode input) {
        ObjectNode task = JsonNodeFactory.instance.objectNode();
        task.set(PlanRequest.INPUT, input);
        task.put(PlanRequest.EXECUTION_NAME, "RAW-2026-11-30");
        task.put(PlanRequest.START_TIME, "2026-11-30T05:00:00.123Z");
        return task;
    }

    /** Whatever starts an execution writes an input the planner reads back: chaining must never be refused. */
    @Property
    void shouldReadEveryInputAStarterWrites(
            @ForAll @AlphaChars @StringLength(min = 1, max = 40) String category,
            @ForAll("environments") String environment) {
        LocalDate date = LocalDate.parse("2026-11-30");
        PlanRequest request = PlanRequest.fromJson(
                task(PlanRequest.executionInput(category, date, environment, "switchyard-reactor")));
        assertThat(request.jobCategory()).isEqualTo(category);
        assertThat(request.runDate()).isEqualTo(date);
        assertThat(request.environment()).isEqualTo(environment);
        assertThat(request.offset()).isZero();
        assertThat(request.rerun()).isFalse();
        assertThat(request.startTime()).isEqualTo(Instant.parse("2026-11-30T05:00:00.123Z"));
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> environments() {
        return net.jqwik.api.Arbitraries.of("prod", "dev").injectNull(0.3);
    }

    @Test
    void shouldReadTheContinuationsInput() {
        ObjectNode input = JsonNodeFactory.instance.objectNode();
        input.put("JobCategory", "RAW");
        input.put("RunDate", "2026-11-30");
        input.putNull("Environment");
        input.put("Offset", 1000);
        input.put("Rerun", true);
        PlanRequest request = PlanRequest.fromJson(task(input));
        assertThat(request.offset()).isEqualTo(1000);
        assertThat(request.rerun()).isTrue();
        assertThat(request.environment()).isNull();
    }

    @Test
    void shouldNameWhatIsWrongWithAnInput() {
        Map<String, String> cases = Map.of(
                "{\"JobCategory\": \"RAW\", \"Date\": \"2026-11-30\"}", "unknown field 'Date'",
                "{\"JobCategory\": \"RAW\", \"RunDate\": \"30/11/2026\"}", "RunDate '30/11/2026' is not a date",
                "{\"JobCategory\": \"RAW\", \"Offset\": -1}", "Offset must be 0 or more",
                "{\"JobCategory\": \"RAW\", \"Offset\": 1.5}", "Offset must be a whole number",
                "{\"JobCategory\": \"RAW\", \"Rerun\": \"yes\"}", "Rerun must be true or false",
                "{\"JobCategory\": \" \"}", "JobCategory is required");
        cases.forEach((json, message) -> {
            ObjectNode input;
            try {
                input = (ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            assertThatThrownBy(() -> PlanRequest.fromJson(task(input)))
                    .as(json)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(message);
        });
        assertThatThrownBy(() -> PlanRequest.fromJson(JsonNodeFactory.instance.arrayNode()))
                .hasMessageContaining("expected an object");
    }

    @Test
    void shouldRoundTripASlice() {
        PlanSlice slice = new PlanSlice(
                "RAW",
                LocalDate.parse("2026-11-30"),
                "prod",
                false,
                0,
                1000,
                "RAW-2026-11-30-abcd1234-1000",
                10,
                1500,
                Map.of("SKIPPED", 2),
                Map.of("--switchyard-category", "RAW"),
                List.of("a", "b"));
        assertThat(PlanSlice.fromJson(slice.toJson())).isEqualTo(slice);
        assertThatThrownBy(() -> new PlanSlice(
                        "RAW",
                        LocalDate.parse("2026-11-30"),
                        null,
                        false,
                        0,
                        1000,
                        null,
                        10,
                        1,
                        Map.of(),
                        Map.of(),
                        List.of()))
                .hasMessageContaining("go together");
    }
}
