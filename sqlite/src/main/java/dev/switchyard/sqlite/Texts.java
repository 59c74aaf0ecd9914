package dev.switchyard.sqlite;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.contracts.Json;
import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.contracts.attr.DynamoJson;
import dev.switchyard.reactor.store.TableSchema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The text forms the store keeps: items as DynamoDB JSON (lossless, and what a stream record's images
 * look like, so a person reading the file sees familiar data) and table schemas as plain JSON.
 */
final class Texts {
    /** Bumped when the physical layout of a table changes, so an old file is refused, not misread. */
    static final int LAYOUT = 1;

    private Texts() {}

    static String item(Map<String, Attr> item) {
        return write(DynamoJson.writeItem(item));
    }

    /** The item a text holds, or {@code null} for SQL NULL (a missing image). */
    static Map<String, Attr> item(String text) {
        return text == null ? null : Collections.unmodifiableMap(DynamoJson.readItem(read(text)));
    }

    static String schema(TableSchema schema) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode json = nodes.objectNode();
        json.put("layout", LAYOUT);
        json.put("name", schema.name());
        json.put("partitionKey", schema.partitionKey());
        json.put("sortKey", schema.sortKey());
        ArrayNode indexes = json.putArray("indexes");
        for (TableSchema.Index index : schema.indexes()) {
            indexes.addObject()
                    .put("name", index.name())
                    .put("partitionKey", index.partitionKey())
                    .put("sortKey", index.sortKey())
                    .put("local", index.local());
        }
        json.put("streamed", schema.streamed());
        json.put("ttlAttribute", schema.ttlAttribute());
        return write(json);
    }

    /** The schema a text records; fails for a layout this code does not know. */
    static TableSchema schema(String text) {
        JsonNode json = read(text);
        if (json.path("layout").asInt() != LAYOUT) {
            throw new IllegalStateException("the table was laid out by another version of Switchyard (layout "
                    + json.path("layout") + ", this one reads " + LAYOUT + "): " + text);
        }
        List<TableSchema.Index> indexes = new ArrayList<>();
        for (JsonNode index : json.path("indexes")) {
            indexes.add(new TableSchema.Index(
                    index.path("name").textValue(),
                    index.path("partitionKey").textValue(),
                    index.path("sortKey").textValue(),
                    index.path("local").booleanValue()));
        }
        return new TableSchema(
                json.path("name").textValue(),
                json.path("partitionKey").textValue(),
                json.path("sortKey").textValue(),
                indexes,
                json.path("streamed").booleanValue(),
                json.path("ttlAttribute").textValue());
    }

    private static String write(JsonNode json) {
        try {
            return Json.mapper().writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static JsonNode read(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the store holds text that is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
