package dev.switchyard.contracts.attr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DynamoDB's typed JSON ({@code {"JobName": {"S": "JOB1"}}}), the form of the low-level API and of the
 * {@code NewImage}/{@code OldImage} of stream records in the Lambda event format. Lossless.
 */
public final class DynamoJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private DynamoJson() {}

    /** Reads an item; errors name the attribute path. */
    public static Map<String, Attr> readItem(JsonNode image) {
        if (image == null || !image.isObject()) {
            throw new IllegalArgumentException("item: expected an object of typed attributes");
        }
        Map<String, Attr> item = new LinkedHashMap<>();
        image.properties().forEach(e -> item.put(e.getKey(), read(e.getValue(), e.getKey())));
        return item;
    }

    /** Reads one typed value such as {@code {"N": "42"}}. */
    public static Attr read(JsonNode typed, String where) {
        if (typed == null || !typed.isObject() || typed.size() != 1) {
            throw new IllegalArgumentException(where + ": expected one type descriptor such as {\"S\": ...}");
        }
        var entry = typed.properties().iterator().next();
        String type = entry.getKey();
        JsonNode v = entry.getValue();
        return switch (type) {
            case "S" -> new Attr.S(text(v, where, type));
            case "N" -> number(v, where);
            case "BOOL" -> {
                if (!v.isBoolean()) {
                    throw new IllegalArgumentException(where + ": BOOL must be true or false");
                }
                yield new Attr.Bool(v.booleanValue());
            }
            case "NULL" -> new Attr.Null();
            case "L" -> {
                List<Attr> values = new ArrayList<>();
                int i = 0;
                for (JsonNode element : array(v, where, type)) {
                    values.add(read(element, where + "[" + i++ + "]"));
                }
                yield new Attr.L(values);
            }
            case "M" -> {
                if (!v.isObject()) {
                    throw new IllegalArgumentException(where + ": M must be an object");
                }
                Map<String, Attr> values = new LinkedHashMap<>();
                v.properties().forEach(e -> values.put(e.getKey(), read(e.getValue(), where + "." + e.getKey())));
                yield new Attr.M(values);
            }
            case "SS", "NS", "BS" -> {
                List<String> values = texts(v, where, type);
                try {
                    yield switch (type) {
                        case "SS" -> new Attr.SS(values);
                        case "NS" -> new Attr.NS(values);
                        default -> new Attr.BS(values);
                    };
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
                }
            }
            case "B" -> new Attr.B(text(v, where, type));
            default -> throw new IllegalArgumentException(where + ": unknown DynamoDB type '" + type + "'");
        };
    }

    private static Attr number(JsonNode v, String where) {
        String text = v.isNumber() ? v.asText() : text(v, where, "N");
        try {
            return new Attr.N(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode v, String where, String type) {
        if (!v.isTextual()) {
            throw new IllegalArgumentException(where + ": " + type + " must be a string");
        }
        return v.textValue();
    }

    private static JsonNode array(JsonNode v, String where, String type) {
        if (!v.isArray()) {
            throw new IllegalArgumentException(where + ": " + type + " must be an array");
        }
        return v;
    }

    private static List<String> texts(JsonNode v, String where, String type) {
        List<String> values = new ArrayList<>();
        for (JsonNode element : array(v, where, type)) {
            values.add(text(element, where, type));
        }
        return values;
    }

    /** Writes an item in typed form. */
    public static ObjectNode writeItem(Map<String, Attr> item) {
        ObjectNode object = NODES.objectNode();
        item.forEach((name, value) -> object.set(name, write(value)));
        return object;
    }

    /** Writes one value in typed form. */
    public static ObjectNode write(Attr attr) {
        ObjectNode typed = NODES.objectNode();
        switch (attr) {
            case Attr.S s -> typed.put("S", s.value());
            case Attr.N n -> typed.put("N", n.value());
            case Attr.Bool b -> typed.put("BOOL", b.value());
            case Attr.Null x -> typed.put("NULL", true);
            case Attr.L l -> {
                ArrayNode array = typed.putArray("L");
                l.values().forEach(v -> array.add(write(v)));
            }
            case Attr.M m -> typed.set("M", writeItem(m.values()));
            case Attr.SS ss -> ss.values().forEach(typed.putArray("SS")::add);
            case Attr.NS ns -> ns.values().forEach(typed.putArray("NS")::add);
            case Attr.B b -> typed.put("B", b.base64());
            case Attr.BS bs -> bs.base64().forEach(typed.putArray("BS")::add);
        }
        return typed;
    }
}
