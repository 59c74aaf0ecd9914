package dev.switchyard.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.Objects;

/**
 * Writes and reads the versioned contracts of SPEC §6 (JobRunMetric, AuditEntry, the domain events) as
 * one-line JSON, the form of a JSON Lines file, a Kafka record and an EventBridge detail; the JSON
 * Schemas under {@code schemas/} describe what {@link #toJson} writes.
 */
public final class Contracts {
    private static final ObjectWriter WRITER = Json.mapper().writer();

    // Numbers inside plain JSON values (an AuditEntry's Key and Changed) are read as BigDecimal, not
    // double, so that a 38-digit DynamoDB number keeps every digit. Trailing text after the value is an
    // error: a JSON Lines line holds exactly one value.
    private static final ObjectReader READER = Json.mapper()
            .reader()
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Contracts() {}

    /** The value as JSON on one line (line breaks in text are escaped), with no trailing newline. */
    public static String toJson(Object record) {
        Objects.requireNonNull(record, "record");
        try {
            return WRITER.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "cannot write " + record.getClass().getSimpleName() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads a value of {@code type} from JSON.
     *
     * @throws IllegalArgumentException when the text is not JSON, or not a valid {@code type}; the message
     *     names the offending field (e.g. {@code JobRunMetric: MetricId is missing}, {@code JobRunMetric: unknown
     *     property 'Colour'})
     */
    public static <T> T fromJson(String json, Class<T> type) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(type, "type");
        String name = type.getSimpleName();
        T value;
        try {
            value = READER.forType(type).readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(name + ": " + describe(e), e);
        }
        if (value == null) {
            throw new IllegalArgumentException(name + ": expected a JSON object, found null");
        }
        return value;
    }

    private static String describe(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown property '" + at(unknown) + "'";
        }
        if (e instanceof ValueInstantiationException invalid) {
            // The record's compact constructor refused the values: a NullPointerException names the missing
            // field, an IllegalArgumentException says what is wrong.
            String where = at(invalid);
            String prefix = where.isEmpty() ? "" : where + ": ";
            Throwable cause = invalid.getCause();
            if (cause instanceof NullPointerException && cause.getMessage() != null) {
                return prefix + cause.getMessage() + " is missing";
            }
            return prefix + (cause == null ? invalid.getOriginalMessage() : cause.getMessage());
        }
        if (e instanceof InvalidFormatException format) {
            return at(format) + ": cannot read '" + format.getValue() + "' as "
                    + format.getTargetType().getSimpleName() + " (" + format.getOriginalMessage() + ")";
        }
        if (e instanceof MismatchedInputException mismatch) {
            String where = at(mismatch);
            return (where.isEmpty() ? "" : where + ": ") + mismatch.getOriginalMessage();
        }
        if (e instanceof StreamReadException syntax) {
            return "not valid JSON"
                    + (syntax.getLocation() == null
                            ? ""
                            : " at line " + syntax.getLocation().getLineNr() + ", column "
                                    + syntax.getLocation().getColumnNr())
                    + ": " + syntax.getOriginalMessage();
        }
        return e.getOriginalMessage();
    }

    /** The path of JSON field names (and array indexes) to where reading failed, e.g. {@code Changed.Owner.new}. */
    private static String at(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference step : e.getPath()) {
            if (step.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(step.getFieldName());
            } else if (step.getIndex() >= 0) {
                path.append('[').append(step.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
