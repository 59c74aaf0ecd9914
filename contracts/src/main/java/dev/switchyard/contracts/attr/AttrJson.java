package dev.switchyard.contracts.attr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain JSON (and YAML, which Jackson reads into the same tree) to attribute values and back: strings,
 * numbers, booleans, null, arrays and objects map one to one; DynamoDB sets and binaries, which plain
 * JSON cannot tell apart, are written as arrays and base64 strings.
 */
public final class AttrJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private AttrJson() {}

    /** Reads a JSON value; {@code where} names it in errors (e.g. {@code "JobName"}). */
    public static Attr fromJson(JsonNode node, String where) {
        return switch (node.getNodeType()) {
            case STRING -> new Attr.S(node.textValue());
            case NUMBER -> number(node, where);
            case BOOLEAN -> new Attr.Bool(node.booleanValue());
            case NULL, MISSING -> new Attr.Null();
            case ARRAY -> {
                List<Attr> values = new ArrayList<>(node.size());
                for (int i = 0; i < node.size(); i++) {
                    values.add(fromJson(node.get(i), where + "[" + i + "]"));
                }
                yield new Attr.L(values);
            }
            case OBJECT -> {
                Map<String, Attr> values = new LinkedHashMap<>();
                node.properties()
                        .forEach(e -> values.put(e.getKey(), fromJson(e.getValue(), where + "." + e.getKey())));
                yield new Attr.M(values);
            }
            case BINARY -> new Attr.B(java.util.Base64.getEncoder().encodeToString(binary(node)));
            case POJO -> throw new IllegalArgumentException(where + ": unsupported JSON value " + node);
        };
    }

    private static Attr number(JsonNode node, String where) {
        try {
            return new Attr.N(node.isIntegralNumber() ? node.bigIntegerValue().toString() : plain(node));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static String plain(JsonNode node) {
        if (node.isDouble() || node.isFloat()) {
            double d = node.doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("not a finite number: " + d);
            }
        }
        return node.decimalValue().toString();
    }

    private static byte[] binary(JsonNode node) {
        try {
            return node.binaryValue();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Writes a value as plain JSON. */
    public static JsonNode toJson(Attr attr) {
        return switch (attr) {
            case Attr.S s -> NODES.textNode(s.value());
            case Attr.N n -> number(n.value());
            case Attr.Bool b -> NODES.booleanNode(b.value());
            case Attr.Null x -> NODES.nullNode();
            case Attr.L l -> {
                ArrayNode array = NODES.arrayNode();
                l.values().forEach(v -> array.add(toJson(v)));
                yield array;
            }
            case Attr.M m -> toJson(m.values());
            case Attr.SS ss -> {
                ArrayNode array = NODES.arrayNode();
                ss.values().forEach(array::add);
                yield array;
            }
            case Attr.NS ns -> {
                ArrayNode array = NODES.arrayNode();
                ns.values().forEach(v -> array.add(number(v)));
                yield array;
            }
            case Attr.B b -> NODES.textNode(b.base64());
            case Attr.BS bs -> {
                ArrayNode array = NODES.arrayNode();
                bs.base64().forEach(array::add);
                yield array;
            }
        };
    }

    /** Writes an item (attribute name to value) as a JSON object, keeping the order. */
    public static ObjectNode toJson(Map<String, Attr> item) {
        ObjectNode object = NODES.objectNode();
        item.forEach((name, value) -> object.set(name, toJson(value)));
        return object;
    }

    /** Reads a JSON object as an item. */
    public static Map<String, Attr> itemFromJson(JsonNode object, String where) {
        if (!object.isObject()) {
            throw new IllegalArgumentException(where + ": expected an object, found " + describe(object));
        }
        Map<String, Attr> item = new LinkedHashMap<>();
        object.properties().forEach(e -> item.put(e.getKey(), fromJson(e.getValue(), e.getKey())));
        return item;
    }

    private static JsonNode number(String decimal) {
        BigDecimal value = new BigDecimal(decimal);
        try {
            return NODES.numberNode(value.longValueExact());
        } catch (ArithmeticException notALong) {
            return NODES.numberNode(value);
        }
    }

    /** A few words for a JSON value's kind, for error messages. */
    public static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL, MISSING -> "null";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
