package dev.switchyard.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchyard.ingest.lambda.PlannerUnavailableException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Lambda Java runtime names a function's error by its exception's class, and the definition retries the
 * planner's transient failure by that name: renaming the class without the definition would stop the retries.
 */
class DefinitionErrorNamesTest {
    @Test
    void planStateShouldRetryTheErrorThePlannerThrowsWhenItsStoreIsDown() throws IOException {
        JsonNode definition =
                new ObjectMapper().readTree(Path.of("statemachine.asl.json").toFile());
        List<String> retried = new ArrayList<>();
        definition
                .path("States")
                .path("Plan")
                .path("Retry")
                .forEach(r -> r.path("ErrorEquals").forEach(e -> retried.add(e.asText())));
        assertThat(retried).contains(PlannerUnavailableException.class.getName());
    }
}
