package dev.switchyard.reactor.store;

import dev.switchyard.contracts.attr.Attr;
import java.util.List;
import java.util.Objects;

/**
 * A condition on one item, as a DynamoDB {@code ConditionExpression} states it, for a write that must
 * not happen unless the item is as expected. A missing item has no attributes.
 */
public sealed interface Condition {

    /** Always true: an unconditional write. */
    Condition ALWAYS = new And(List.of());

    /** {@code attribute_exists(path)}. */
    record Exists(Path path) implements Condition {
        public Exists {
            Objects.requireNonNull(path, "path");
        }
    }

    /** {@code attribute_not_exists(path)}. */
    record NotExists(Path path) implements Condition {
        public NotExists {
            Objects.requireNonNull(path, "path");
        }
    }

    /**
     * {@code path OP :value}. As in DynamoDB, a missing attribute or one of another type is unequal to
     * the value and neither less nor greater; strings order by their UTF-8 bytes, numbers by value.
     */
    record Compare(Path path, Op op, Attr value) implements Condition {
        public Compare {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(value, "value");
            if (op.isOrdering() && !(value instanceof Attr.S || value instanceof Attr.N || value instanceof Attr.B)) {
                throw new IllegalArgumentException("operator " + op.symbol()
                        + " orders only strings, numbers and binaries, not " + value.typeName());
            }
        }
    }

    /** {@code begins_with(path, :prefix)} on a string attribute. */
    record BeginsWith(Path path, String prefix) implements Condition {
        public BeginsWith {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(prefix, "prefix");
        }
    }

    /**
     * {@code contains(path, :value)}: a substring of a string attribute, a member of a set, or an element
     * of a list.
     */
    record Contains(Path path, Attr value) implements Condition {
        public Contains {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(value, "value");
        }
    }

    /** All of them; true when empty. */
    record And(List<Condition> all) implements Condition {
        public And {
            all = List.copyOf(all);
        }
    }

    /** Any of them; false when empty. */
    record Or(List<Condition> any) implements Condition {
        public Or {
            any = List.copyOf(any);
            if (any.isEmpty()) {
                throw new IllegalArgumentException("OR of nothing is never true; say so with a condition");
            }
        }
    }

    /** {@code NOT condition}. */
    record Not(Condition condition) implements Condition {
        public Not {
            Objects.requireNonNull(condition, "condition");
        }
    }

    /** The comparison operators of a condition expression. */
    enum Op {
        EQ("="),
        NE("<>"),
        LT("<"),
        LE("<="),
        GT(">"),
        GE(">=");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public boolean isOrdering() {
            return this != EQ && this != NE;
        }
    }

    static Condition exists(String attribute) {
        return new Exists(Path.of(attribute));
    }

    static Condition notExists(String attribute) {
        return new NotExists(Path.of(attribute));
    }

    static Condition eq(String attribute, Attr value) {
        return new Compare(Path.of(attribute), Op.EQ, value);
    }

    static Condition compare(Path path, Op op, Attr value) {
        return new Compare(path, op, value);
    }

    static Condition and(Condition... all) {
        return new And(List.of(all));
    }

    static Condition or(Condition... any) {
        return new Or(List.of(any));
    }

    static Condition not(Condition condition) {
        return new Not(condition);
    }
}
