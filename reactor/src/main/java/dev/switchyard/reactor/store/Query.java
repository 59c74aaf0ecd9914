package dev.switchyard.reactor.store;

import dev.switchyard.contracts.attr.Attr;
import java.util.Map;
import java.util.Objects;

/**
 * The items of one partition of the table or of an index, in sort-key order, one page at a time.
 *
 * @param index the index to read, or {@code null} for the table itself
 * @param partition the partition key value
 * @param sort which sort keys to read
 * @param forward ascending sort-key order when true, descending when false
 * @param limit at most this many items in the page
 * @param startAfter the {@link Page#lastKey()} of the page before, or {@code null} for the first page
 */
public record Query(
        String index, String partition, SortCondition sort, boolean forward, int limit, Map<String, Attr> startAfter) {
    public Query {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(sort, "sort");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        startAfter = startAfter == null ? null : Map.copyOf(startAfter);
    }

    public static Query table(String partition, int limit) {
        return new Query(null, partition, SortCondition.ALL, true, limit, null);
    }

    public static Query index(String index, String partition, int limit) {
        return new Query(index, partition, SortCondition.ALL, true, limit, null);
    }

    public Query sort(SortCondition sort) {
        return new Query(index, partition, sort, forward, limit, startAfter);
    }

    public Query descending() {
        return new Query(index, partition, sort, false, limit, startAfter);
    }

    public Query after(Map<String, Attr> lastKey) {
        return new Query(index, partition, sort, forward, limit, lastKey);
    }

    /** A condition on the sort key of a query, as a {@code KeyConditionExpression} allows. */
    public record SortCondition(Kind kind, String value, String upTo) {
        public static final SortCondition ALL = new SortCondition(Kind.ALL, null, null);

        public SortCondition {
            Objects.requireNonNull(kind, "kind");
            if (kind != Kind.ALL) {
                Objects.requireNonNull(value, "value");
            }
            if (kind == Kind.BETWEEN) {
                Objects.requireNonNull(upTo, "upTo");
            }
        }

        public static SortCondition beginsWith(String prefix) {
            return new SortCondition(Kind.BEGINS_WITH, prefix, null);
        }

        public static SortCondition between(String from, String upTo) {
            return new SortCondition(Kind.BETWEEN, from, upTo);
        }

        public static SortCondition of(Kind kind, String value) {
            return new SortCondition(kind, value, null);
        }

        /** Whether a sort key value meets the condition. */
        public boolean test(String sortKey) {
            return switch (kind) {
                case ALL -> true;
                case EQ -> sortKey.equals(value);
                case LT -> Utf8.compare(sortKey, value) < 0;
                case LE -> Utf8.compare(sortKey, value) <= 0;
                case GT -> Utf8.compare(sortKey, value) > 0;
                case GE -> Utf8.compare(sortKey, value) >= 0;
                case BEGINS_WITH -> sortKey.startsWith(value);
                case BETWEEN -> Utf8.compare(sortKey, value) >= 0 && Utf8.compare(sortKey, upTo) <= 0;
            };
        }

        /** The kinds of sort-key condition. */
        public enum Kind {
            ALL,
            EQ,
            LT,
            LE,
            GT,
            GE,
            BEGINS_WITH,
            BETWEEN
        }
    }
}
