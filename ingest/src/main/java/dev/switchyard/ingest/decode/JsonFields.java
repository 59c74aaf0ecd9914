package dev.switchyard.ingest.decode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.switchyard.contracts.Json;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads fields of a JSON tree by dotted path ({@code detail.jobName}); every problem is an {@link
 * IllegalArgumentException} whose message names the path, which is what a rejection's reason needs.
 */
final class JsonFields {
    /** How much of a value a reason quotes. */
    private static final int SHOWN = 80;

    /** Strict: a duplicate key or text after the value makes the input ambiguous, so both are refused. */
    private static final ObjectReader READER = Json.mapper()
            .reader()
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonFields() {}

    /** Parses JSON text; {@code what} names it in the reason when it is not valid JSON. */
    static JsonNode parse(String text, String what) {
        try {
            JsonNode node = READER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException(what + " is empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new IllegalArgumentException(what + " is not valid JSON" + where + ": " + e.getOriginalMessage());
        }
    }

    /** The value at {@code path}; absent and JSON {@code null} are both "missing". */
    static JsonNode required(JsonNode parent, String path) {
        JsonNode value = parent.get(name(path));
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException(path + " is missing");
        }
        return value;
    }

    static String text(JsonNode parent, String path) {
        return asText(required(parent, path), path);
    }

    /** A string that may be absent or null. */
    static String optionalText(JsonNode parent, String path) {
        JsonNode value = parent.get(name(path));
        return value == null || value.isNull() ? null : asText(value, path);
    }

    static JsonNode object(JsonNode parent, String path) {
        JsonNode value = required(parent, path);
        if (!value.isObject()) {
            throw new IllegalArgumentException(path + " must be an object, not " + kind(value));
        }
        return value;
    }

    /** An ISO-8601 instant such as {@code 2017-09-07T06:02:03Z} or {@code 2018-04-24T20:55:47.941Z}. */
    static Instant instant(String text, String path) {
        try {
            return DateTimeFormatter.ISO_INSTANT.parse(text, Instant::from);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    path + " '" + shown(text) + "' is not an ISO-8601 instant such as 2017-09-07T06:02:03Z");
        }
    }

    private static String asText(JsonNode value, String path) {
        if (!value.isTextual()) {
            throw new IllegalArgumentException(path + " must be a string, not " + kind(value));
        }
        return value.textValue();
    }

    private static String name(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    /** What a JSON value is, for reasons: "a number", "an object", … */
    static String kind(JsonNode value) {
        return switch (value.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case NUMBER -> "a number";
            case STRING -> "a string";
            case BOOLEAN -> "a boolean";
            case BINARY -> "binary";
            case NULL, MISSING -> "null";
        };
    }

    /** A value as a reason quotes it: cut so that a huge value cannot make a huge reason. */
    static String shown(String value) {
        return value.length() <= SHOWN ? value : value.substring(0, SHOWN) + "… (" + value.length() + " characters)";
    }
}
