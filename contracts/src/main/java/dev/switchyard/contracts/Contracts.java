package dev.switchyard.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NumericNode;
import com.fasterxml.jackson.databind.node.ValueNode;
import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.contracts.attr.AttrJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * Writes and reads the versioned contracts of SPEC §6 (JobRunMetric, AuditEntry, the domain events) as
 * one-line JSON, the form of a JSON Lines file, a Kafka record and an EventBridge detail; the JSON
 * Schemas under {@code schemas/} describe what {@link #toJson} writes.
 */
public final class Contracts {
    // The contracts keep their maps sorted (an AuditEntry's Key and Changed), so the same value is always
    // the same text.
    private static final ObjectWriter WRITER = Json.mapper().writer();

    // Numbers inside plain JSON values (an AuditEntry's Key and Changed) are read as AttrJson writes them
    // (see AttrJsonNumbers), fractions as BigDecimal rather than double so that a 38-digit DynamoDB number
    // keeps every digit. Trailing text after the value is an error: a JSON Lines line holds one value.
    private static final ObjectReader READER = Json.mapper()
            .reader()
            .with(new AttrJsonNumbers())
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Contracts() {}

    /**
     * The value as JSON on one line (line breaks in text are escaped), with no trailing newline.
     */
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
     * The value as the JSON tree that {@link #toJson} writes, for an adapter that adds members of its own
     * (a log line's level, an EMF directive) to a contract's.
     */
    public static JsonNode toTree(Object record) {
        Objects.requireNonNull(record, "record");
        try {
            return Json.mapper().valueToTree(record);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "cannot write " + record.getClass().getSimpleName() + " as JSON: " + e.getMessage(), e);
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
            if (cause instanceof NullPointerException) {
                return prefix
                        + (cause.getMessage() == null ? "a value is missing" : cause.getMessage() + " is missing");
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

    /**
     * Makes number nodes the way {@link AttrJson#toJson(Attr)} does (an integer that fits a long as a long,
     * anything else as a BigDecimal), so that an AuditEntry filled by AttrJson equals its read-back copy:
     * Jackson's own nodes would read {@code 5} as an int, which never equals AttrJson's long 5.
     */
    private static final class AttrJsonNumbers extends JsonNodeFactory {
        AttrJsonNumbers() {
            super(false);
        }

        @Override
        public NumericNode numberNode(byte v) {
            return numberNode((long) v);
        }

        @Override
        public NumericNode numberNode(short v) {
            return numberNode((long) v);
        }

        @Override
        public NumericNode numberNode(int v) {
            return numberNode((long) v);
        }

        @Override
        public ValueNode numberNode(BigInteger v) {
            return v == null
                    ? nullNode()
                    : v.bitLength() < Long.SIZE ? numberNode(v.longValue()) : numberNode(new BigDecimal(v));
        }
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
