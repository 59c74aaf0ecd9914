package dev.switchyard.contracts.stream;

import dev.switchyard.contracts.attr.Attr;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One change to one item of a streamed table, with the item before and after it: what a DynamoDB Streams
 * record with {@code NEW_AND_OLD_IMAGES} carries, and what the embedded store's change feed records, so
 * that the reactor and the audit trail read both alike.
 *
 * @param eventId unique per change ({@code eventID} in a stream record)
 * @param sequenceNumber the change's position in its item's stream, as decimal digits; later changes of
 *     one item have greater numbers
 * @param kind what happened
 * @param table the table's name
 * @param keys the item's key attributes
 * @param oldImage the item before, or {@code null} for an insert
 * @param newImage the item after, or {@code null} for a remove
 * @param at when the change was made, to the second (DynamoDB's {@code ApproximateCreationDateTime})
 * @param ttlExpiry whether DynamoDB's time to live removed the item (a remove whose principal is the
 *     DynamoDB service)
 */
public record TableChange(
        String eventId,
        String sequenceNumber,
        Kind kind,
        String table,
        Map<String, Attr> keys,
        Map<String, Attr> oldImage,
        Map<String, Attr> newImage,
        Instant at,
        boolean ttlExpiry) {

    public TableChange {
        if (Objects.requireNonNull(eventId, "eventId").isBlank()) {
            throw new IllegalArgumentException("eventId is blank");
        }
        Objects.requireNonNull(sequenceNumber, "sequenceNumber");
        if (!sequenceNumber.chars().allMatch(c -> c >= '0' && c <= '9') || sequenceNumber.isEmpty()) {
            throw new IllegalArgumentException("sequenceNumber must be decimal digits, not '" + sequenceNumber + "'");
        }
        Objects.requireNonNull(kind, "kind");
        if (Objects.requireNonNull(table, "table").isBlank()) {
            throw new IllegalArgumentException("table is blank");
        }
        keys = Map.copyOf(keys);
        oldImage = oldImage == null ? null : Map.copyOf(oldImage);
        newImage = newImage == null ? null : Map.copyOf(newImage);
        Objects.requireNonNull(at, "at");
        if ((kind == Kind.INSERT) != (oldImage == null) || (kind == Kind.REMOVE) != (newImage == null)) {
            throw new IllegalArgumentException(kind + " must have "
                    + switch (kind) {
                        case INSERT -> "a new image and no old one";
                        case MODIFY -> "both images";
                        case REMOVE -> "an old image and no new one";
                    });
        }
        if (ttlExpiry && kind != Kind.REMOVE) {
            throw new IllegalArgumentException("only a REMOVE can be a time-to-live expiry");
        }
    }

    /** The event names of DynamoDB Streams. */
    public enum Kind {
        INSERT,
        MODIFY,
        REMOVE
    }
}
