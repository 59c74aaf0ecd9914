package dev.switchyard.ingest.decode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.contracts.event.ExecutionStatusChanged;
import dev.switchyard.contracts.event.ExecutionStatusChanged.Status;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The {@code detail} of a Step Functions {@code Execution Status Change} event. Its {@code input} and
 * {@code output} are JSON held in strings, and either may be null: Step Functions leaves them out when
 * they are too large for EventBridge, and an execution that has not succeeded has no output.
 * See https://docs.aws.amazon.com/step-functions/latest/dg/cw-events.html
 */
final class ExecutionEvents {
    private static final String STATUSES =
            Arrays.stream(Status.values()).map(Enum::name).collect(Collectors.joining(", "));

    private ExecutionEvents() {}

    static ExecutionStatusChanged read(String id, Instant time, JsonNode detail) {
        String executionArn = JsonFields.text(detail, "detail.executionArn");
        Status status = status(JsonFields.text(detail, "detail.status"));
        JsonNode input = embedded(detail, "detail.input");
        LocalDate runDate = runDate(input, "detail.input");
        if (runDate == null) {
            // The orchestrator puts the RunDate it chose (today, when the input had none) in its output.
            runDate = runDate(embedded(detail, "detail.output"), "detail.output");
        }
        return new ExecutionStatusChanged(
                id,
                time,
                executionArn,
                status,
                field(input, "detail.input", "JobCategory"),
                runDate,
                field(input, "detail.input", "Environment"));
    }

    private static Status status(String text) {
        for (Status status : Status.values()) {
            if (status.name().equals(text)) {
                return status;
            }
        }
        throw new IllegalArgumentException("detail.status: unknown status '" + JsonFields.shown(text)
                + "'; Step Functions' execution statuses are " + STATUSES);
    }

    /** The JSON a string field holds, or null when the field is absent or null. */
    private static JsonNode embedded(JsonNode detail, String path) {
        String text = JsonFields.optionalText(detail, path);
        return text == null ? null : JsonFields.parse(text, path);
    }

    /** A string member of an embedded object; null when there is no object or no such member. */
    private static String field(JsonNode embedded, String path, String name) {
        if (embedded == null || !embedded.isObject()) {
            return null;
        }
        JsonNode value = embedded.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(path + ": " + name + " must be a string, not " + JsonFields.kind(value));
        }
        return value.textValue();
    }

    private static LocalDate runDate(JsonNode embedded, String path) {
        String text = field(embedded, path, "RunDate");
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    path + ": RunDate '" + JsonFields.shown(text) + "' is not an ISO date such as 2026-11-30");
        }
    }
}
