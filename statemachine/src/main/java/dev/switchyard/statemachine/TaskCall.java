package dev.switchyard.statemachine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One call of a Task resource: the effective input (after InputPath and Parameters) and the Context Object are the
 * binding's own copies; attempt is 1 for the first call and grows by one with each retry.
 */
public record TaskCall(String resource, String stateName, JsonNode input, JsonNode context, int attempt) {
    public TaskCall {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(stateName, "stateName");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(context, "context");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt starts at 1: " + attempt);
        }
    }
}
