package dev.switchyard.contracts.attr;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One attribute value in DynamoDB's data model. Items are held in this form between the stores and the
 * files so that an attribute nobody here knows keeps its type (a number stays a number, a set a set)
 * from DynamoDB back to DynamoDB. See
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html
 */
public sealed interface Attr {

    /** A string. */
    record S(String value) implements Attr {
        public S {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * A number, kept as decimal text so that no precision is lost, in the canonical form DynamoDB itself
     * returns ({@code 1.50} and {@code 15E-1} are both {@code 1.5}), so equal numbers are equal values.
     */
    record N(String value) implements Attr {
        private static final BigDecimal SMALLEST = new BigDecimal("1E-130");
        private static final BigDecimal LARGEST = new BigDecimal("9.9999999999999999999999999999999999999E+125");

        public N {
            Objects.requireNonNull(value, "value");
            BigDecimal number;
            try {
                number = new BigDecimal(value.strip()).stripTrailingZeros();
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a number: '" + value + "'", e);
            }
            BigDecimal magnitude = number.abs();
            if (number.precision() > 38
                    || (number.signum() != 0
                            && (magnitude.compareTo(SMALLEST) < 0 || magnitude.compareTo(LARGEST) > 0))) {
                String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
                throw new IllegalArgumentException("number out of DynamoDB's range (at most 38 digits, magnitude 1E-130"
                        + " to 9.9E+125): '" + shown + "'");
            }
            value = number.toPlainString();
        }
    }

    /** A boolean. */
    record Bool(boolean value) implements Attr {}

    /** DynamoDB's NULL. */
    record Null() implements Attr {}

    /** A list. */
    record L(List<Attr> values) implements Attr {
        public L {
            values = List.copyOf(values);
        }
    }

    /** A map; keeps the order it was given. */
    record M(Map<String, Attr> values) implements Attr {
        public M {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }
    }

    /**
     * A string set. DynamoDB keeps no order in a set, refuses an empty one and refuses duplicates, so the
     * values are held sorted (two sets with the same members are equal) and both are refused here too.
     */
    record SS(List<String> values) implements Attr {
        public SS {
            values = Sets.canonical("string", values, v -> v, String::compareTo);
        }
    }

    /** A number set, each number in canonical text, sorted by value; not empty, no duplicates. */
    record NS(List<String> values) implements Attr {
        public NS {
            values = Sets.canonical(
                    "number", values, v -> new N(v).value(), (a, b) -> new BigDecimal(a).compareTo(new BigDecimal(b)));
        }
    }

    /** Binary, as base64 text (so that records compare by value). */
    record B(String base64) implements Attr {
        public B {
            Objects.requireNonNull(base64, "base64");
        }
    }

    /** A binary set, each as base64 text, sorted; not empty, no duplicates. */
    record BS(List<String> base64) implements Attr {
        public BS {
            base64 = Sets.canonical("binary", base64, Sets::canonicalBase64, Sets::compareBase64);
        }
    }

    static Attr n(long value) {
        return new N(Long.toString(value));
    }

    /** The DynamoDB type descriptor of this value: S, N, BOOL, NULL, L, M, SS, NS, B, BS. */
    default String typeName() {
        return switch (this) {
            case S s -> "S";
            case N n -> "N";
            case Bool b -> "BOOL";
            case Null x -> "NULL";
            case L l -> "L";
            case M m -> "M";
            case SS ss -> "SS";
            case NS ns -> "NS";
            case B b -> "B";
            case BS bs -> "BS";
        };
    }
}
