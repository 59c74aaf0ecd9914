package dev.switchyard.statemachine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * The comparison operators of a Choice Rule. Each binary one also exists as {@code …Path}, comparing with another
 * value of the input. A value of the wrong type makes the comparison false, not an error, as the spec says.
 */
enum Operator {
    STRING_EQUALS("StringEquals", Kind.STRING, Relation.EQ),
    STRING_LESS_THAN("StringLessThan", Kind.STRING, Relation.LT),
    STRING_GREATER_THAN("StringGreaterThan", Kind.STRING, Relation.GT),
    STRING_LESS_THAN_EQUALS("StringLessThanEquals", Kind.STRING, Relation.LE),
    STRING_GREATER_THAN_EQUALS("StringGreaterThanEquals", Kind.STRING, Relation.GE),
    STRING_MATCHES("StringMatches", Kind.PATTERN, Relation.EQ),
    NUMERIC_EQUALS("NumericEquals", Kind.NUMERIC, Relation.EQ),
    NUMERIC_LESS_THAN("NumericLessThan", Kind.NUMERIC, Relation.LT),
    NUMERIC_GREATER_THAN("NumericGreaterThan", Kind.NUMERIC, Relation.GT),
    NUMERIC_LESS_THAN_EQUALS("NumericLessThanEquals", Kind.NUMERIC, Relation.LE),
    NUMERIC_GREATER_THAN_EQUALS("NumericGreaterThanEquals", Kind.NUMERIC, Relation.GE),
    BOOLEAN_EQUALS("BooleanEquals", Kind.BOOLEAN, Relation.EQ),
    TIMESTAMP_EQUALS("TimestampEquals", Kind.TIMESTAMP, Relation.EQ),
    TIMESTAMP_LESS_THAN("TimestampLessThan", Kind.TIMESTAMP, Relation.LT),
    TIMESTAMP_GREATER_THAN("TimestampGreaterThan", Kind.TIMESTAMP, Relation.GT),
    TIMESTAMP_LESS_THAN_EQUALS("TimestampLessThanEquals", Kind.TIMESTAMP, Relation.LE),
    TIMESTAMP_GREATER_THAN_EQUALS("TimestampGreaterThanEquals", Kind.TIMESTAMP, Relation.GE),
    IS_NULL("IsNull", Kind.TYPE, Relation.EQ),
    IS_PRESENT("IsPresent", Kind.TYPE, Relation.EQ),
    IS_NUMERIC("IsNumeric", Kind.TYPE, Relation.EQ),
    IS_STRING("IsString", Kind.TYPE, Relation.EQ),
    IS_BOOLEAN("IsBoolean", Kind.TYPE, Relation.EQ),
    IS_TIMESTAMP("IsTimestamp", Kind.TYPE, Relation.EQ);

    /** What the operator compares. */
    enum Kind {
        STRING,
        PATTERN,
        NUMERIC,
        BOOLEAN,
        TIMESTAMP,
        TYPE
    }

    private enum Relation {
        EQ,
        LT,
        GT,
        LE,
        GE;

        boolean holds(int comparison) {
            return switch (this) {
                case EQ -> comparison == 0;
                case LT -> comparison < 0;
                case GT -> comparison > 0;
                case LE -> comparison <= 0;
                case GE -> comparison >= 0;
            };
        }
    }

    private final String field;
    private final Kind kind;
    private final Relation relation;

    Operator(String field, Kind kind, Relation relation) {
        this.field = field;
        this.kind = kind;
        this.relation = relation;
    }

    /** The operator a Choice Rule field names, and whether it is the {@code …Path} form. */
    static Optional<Operator> forField(String name) {
        return Arrays.stream(values())
                .filter(op -> op.field.equals(name) || (op.hasPathForm() && name.equals(op.field + "Path")))
                .findFirst();
    }

    String field() {
        return field;
    }

    Kind kind() {
        return kind;
    }

    boolean hasPathForm() {
        return kind != Kind.PATTERN && kind != Kind.TYPE;
    }

    /** Whether a literal operand (the value in the definition) has the type this operator needs. */
    boolean acceptsOperand(JsonNode operand) {
        return switch (kind) {
            case STRING, PATTERN -> operand.isTextual();
            case NUMERIC -> operand.isNumber();
            case BOOLEAN, TYPE -> operand.isBoolean();
            case TIMESTAMP -> operand.isTextual() && Timestamps.parse(operand.textValue()) != null;
        };
    }

    /** Compares a present value with the operand; the types must match or the answer is false. */
    boolean compare(JsonNode value, JsonNode operand) {
        return switch (kind) {
            case STRING ->
                value.isTextual()
                        && operand.isTextual()
                        && relation.holds(value.textValue().compareTo(operand.textValue()));
            case NUMERIC ->
                value.isNumber()
                        && operand.isNumber()
                        && relation.holds(value.decimalValue().compareTo(operand.decimalValue()));
            case BOOLEAN -> value.isBoolean() && operand.isBoolean() && value.booleanValue() == operand.booleanValue();
            case TIMESTAMP -> compareTimestamps(value, operand);
            case TYPE -> typeMatches(value) == operand.booleanValue();
            case PATTERN -> throw new IllegalStateException("StringMatches uses a compiled pattern");
        };
    }

    private boolean compareTimestamps(JsonNode value, JsonNode operand) {
        Instant left = value.isTextual() ? Timestamps.parse(value.textValue()) : null;
        Instant right = operand.isTextual() ? Timestamps.parse(operand.textValue()) : null;
        return left != null && right != null && relation.holds(left.compareTo(right));
    }

    /** For the Is… tests; the value may be null (absent), which only IsPresent looks at. */
    boolean typeMatches(JsonNode value) {
        if (this == IS_PRESENT) {
            return value != null;
        }
        if (value == null) {
            return false;
        }
        return switch (this) {
            case IS_NULL -> value.isNull();
            case IS_NUMERIC -> value.isNumber();
            case IS_STRING -> value.isTextual();
            case IS_BOOLEAN -> value.isBoolean();
            case IS_TIMESTAMP -> value.isTextual() && Timestamps.parse(value.textValue()) != null;
            default -> throw new IllegalStateException(field + " is not a type test");
        };
    }
}
