package dev.switchyard.contracts.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.contracts.stream.TableChange;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One change of the control table, for the audit trail (SPEC §6): who changed which columns of which item
 * from what to what. {@code AuditId} is the stream record's {@code eventID}, so a redelivered record gives
 * the same entry. Values are plain JSON (a string, a number, …); an absent old or new value is left out.
 * Schema: {@code schemas/audit-entry.v1.json}.
 */
@JsonPropertyOrder({"SchemaVersion", "AuditId", "Table", "Key", "Change", "Changed", "Actor", "At"})
public record AuditEntry(
        @JsonProperty("SchemaVersion") int schemaVersion,
        @JsonProperty("AuditId") String auditId,
        @JsonProperty("Table") String table,
        @JsonProperty("Key") Map<String, JsonNode> key,
        @JsonProperty("Change") TableChange.Kind change,
        @JsonProperty("Changed") Map<String, Values> changed,
        @JsonProperty("Actor") String actor,
        @JsonProperty("At") Instant at) {

    public static final int SCHEMA_VERSION = 1;

    /** The actor of an item removed by DynamoDB's time to live. */
    public static final String TTL_ACTOR = "ttl";

    public AuditEntry {
        if (schemaVersion != SCHEMA_VERSION) {
            throw new IllegalArgumentException(
                    "SchemaVersion " + schemaVersion + " is not supported; this version reads " + SCHEMA_VERSION);
        }
        Objects.requireNonNull(auditId, "AuditId");
        Objects.requireNonNull(table, "Table");
        // sorted, so that one entry always serializes to the same text
        key = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(Objects.requireNonNull(key, "Key")));
        Objects.requireNonNull(change, "Change");
        changed = java.util.Collections.unmodifiableSortedMap(
                new java.util.TreeMap<>(Objects.requireNonNull(changed, "Changed")));
        Objects.requireNonNull(actor, "Actor");
        Objects.requireNonNull(at, "At");
    }

    /** An attribute's value before and after; null where it did not exist. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"old", "new"})
    public record Values(
            @JsonProperty("old") JsonNode before,
            @JsonProperty("new") JsonNode after) {}
}
