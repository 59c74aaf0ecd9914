package dev.switchyard.reactor.react;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.contracts.attr.AttrJson;
import dev.switchyard.contracts.audit.AuditEntry;
import dev.switchyard.contracts.stream.TableChange;
import dev.switchyard.reactor.table.JobColumns;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/** Turns a change of the control table into its audit entry (SPEC §6). */
public final class Audits {
    /** The actor of a change that names none (written by something other than Switchyard). */
    public static final String UNKNOWN_ACTOR = "unknown";

    private Audits() {}

    /**
     * The entry of one change: the attributes that differ between the images, and who made it: {@code
     * UpdatedBy} of the new image, of the old one for a removal (Switchyard stamps an item before deleting
     * it), or {@code ttl} when DynamoDB's time to live removed it.
     */
    public static AuditEntry of(TableChange change) {
        Map<String, Attr> before = change.oldImage() == null ? Map.of() : change.oldImage();
        Map<String, Attr> after = change.newImage() == null ? Map.of() : change.newImage();
        Map<String, AuditEntry.Values> changed = new TreeMap<>();
        TreeSet<String> names = new TreeSet<>(before.keySet());
        names.addAll(after.keySet());
        for (String name : names) {
            Attr old = before.get(name);
            Attr now = after.get(name);
            if (!Objects.equals(old, now)) {
                changed.put(name, new AuditEntry.Values(json(old), json(now)));
            }
        }
        Map<String, JsonNode> key = new TreeMap<>();
        change.keys().forEach((name, value) -> key.put(name, AttrJson.toJson(value)));
        return new AuditEntry(
                AuditEntry.SCHEMA_VERSION,
                change.eventId(),
                change.table(),
                key,
                change.kind(),
                changed,
                actor(change, before, after),
                change.at());
    }

    private static String actor(TableChange change, Map<String, Attr> before, Map<String, Attr> after) {
        if (change.ttlExpiry()) {
            return AuditEntry.TTL_ACTOR;
        }
        Map<String, Attr> stamped = change.kind() == TableChange.Kind.REMOVE ? before : after;
        if (change.kind() == TableChange.Kind.REMOVE && !stampedJustBefore(before, change.at())) {
            // Switchyard stamps an item right before it deletes it; a delete made elsewhere (the console, a
            // script) leaves the previous writer's stamp, who did not delete it
            return UNKNOWN_ACTOR;
        }
        Attr by = stamped.get(JobColumns.UPDATED_BY);
        return by instanceof Attr.S s && !s.value().isBlank() ? s.value() : UNKNOWN_ACTOR;
    }

    /** How close a delete's stamp must be to the delete for the stamp to name the deleter. */
    static final java.time.Duration DELETE_STAMP = java.time.Duration.ofMinutes(1);

    private static boolean stampedJustBefore(Map<String, Attr> item, java.time.Instant removedAt) {
        return item.get(JobColumns.UPDATED_AT) instanceof Attr.S at
                && dev.switchyard.contracts.table.Timestamps.parse(at.value())
                        .map(stamp -> !stamp.isAfter(removedAt.plusSeconds(1))
                                && stamp.isAfter(removedAt.minus(DELETE_STAMP)))
                        .orElse(false);
    }

    private static JsonNode json(Attr value) {
        return value == null ? null : AttrJson.toJson(value);
    }
}
