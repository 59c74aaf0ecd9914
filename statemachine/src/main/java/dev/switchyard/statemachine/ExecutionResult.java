package dev.switchyard.statemachine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How an execution ended, and what AWS would bill for it: one state transition per state entered and per retry,
 * counted by state path in the order the states were first entered.
 */
public record ExecutionResult(
        Status status,
        JsonNode output,
        String error,
        String cause,
        long stateTransitions,
        Map<String, Long> transitionsByState,
        int largestPayloadBytes,
        String largestPayloadState,
        Instant startTime,
        Instant endTime) {

    /** The execution statuses the local runner can end in. */
    public enum Status {
        SUCCEEDED,
        FAILED
    }

    public ExecutionResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(startTime, "startTime");
        Objects.requireNonNull(endTime, "endTime");
        transitionsByState = Collections.unmodifiableMap(new LinkedHashMap<>(transitionsByState));
        if (status == Status.SUCCEEDED && (output == null || error != null || cause != null)) {
            throw new IllegalArgumentException("a succeeded execution has an output and no error");
        }
        if (status == Status.FAILED && output != null) {
            throw new IllegalArgumentException("a failed execution has no output");
        }
    }

    public boolean succeeded() {
        return status == Status.SUCCEEDED;
    }

    public Duration duration() {
        return Duration.between(startTime, endTime);
    }
}
