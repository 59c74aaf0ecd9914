package dev.switchyard.dynamodb;

import dev.switchyard.contracts.Decoded;
import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.contracts.category.CategoryDefinition;
import dev.switchyard.contracts.table.ControlTableItem;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Converts between {@link Attr} and the AWS SDK v2 {@link AttributeValue}, value by value and item by item. */
public final class AttributeValues {
    // The SDK's AttributeValue is a union of the types listed in
    // https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_AttributeValue.html
    // and Attr mirrors the same ten types, so every value converts both ways without loss. Errors name
    // the attribute path (Owner, Notes.a, Tags[1]) the way DynamoJson does, so that a bad item in a
    // table of thousands can be found.

    private AttributeValues() {}

    /** The item as SDK values, in the item's attribute order. */
    public static Map<String, AttributeValue> toItem(Map<String, Attr> item) {
        return map(item, AttributeValues::write, "");
    }

    /** The SDK item as attributes, in the SDK map's iteration order. */
    public static Map<String, Attr> fromItem(Map<String, AttributeValue> item) {
        return map(item, AttributeValues::read, "");
    }

    /**
     * One value as an SDK value.
     *
     * @param path names the value in the error raised when a binary's text is not base64
     */
    public static AttributeValue toAttributeValue(Attr value, String path) {
        return write(value, path);
    }

    /**
     * One SDK value as an attribute.
     *
     * @param path names the value in the error raised when it (or a value inside it) has no known type
     * @throws IllegalArgumentException when the type is unset, unknown to this SDK version or ambiguous
     */
    public static Attr toAttr(AttributeValue value, String path) {
        return read(value, path);
    }

    /** The control-table row as an SDK item, named columns first. */
    public static Map<String, AttributeValue> toItem(ControlTableItem item) {
        return toItem(item.toAttributes());
    }

    /**
     * Reads a control-table row. A column the row cannot use is a problem in the result; a value of no known
     * DynamoDB type throws, as in {@link #toAttr}.
     */
    public static Decoded<ControlTableItem> controlTableItem(Map<String, AttributeValue> item) {
        return ControlTableItem.fromAttributes(fromItem(item));
    }

    /** The category definition as an SDK item. */
    public static Map<String, AttributeValue> toItem(CategoryDefinition category) {
        return toItem(category.toAttributes());
    }

    /**
     * Reads a category definition. A column the definition cannot use is a problem in the result; a value of
     * no known DynamoDB type throws, as in {@link #toAttr}.
     */
    public static Decoded<CategoryDefinition> categoryDefinition(Map<String, AttributeValue> item) {
        return CategoryDefinition.fromAttributes(fromItem(item));
    }

    private static AttributeValue write(Attr attr, String path) {
        return switch (attr) {
            case null -> throw new IllegalArgumentException(path + ": no value");
            case Attr.S s -> AttributeValue.fromS(s.value());
            case Attr.N n -> AttributeValue.fromN(n.value());
            case Attr.Bool b -> AttributeValue.fromBool(b.value());
            // DynamoDB accepts NULL only as true.
            case Attr.Null x -> AttributeValue.fromNul(true);
            case Attr.L l -> AttributeValue.fromL(list(l.values(), AttributeValues::write, path));
            case Attr.M m -> AttributeValue.fromM(map(m.values(), AttributeValues::write, path));
            case Attr.SS ss -> AttributeValue.fromSs(ss.values());
            case Attr.NS ns -> AttributeValue.fromNs(ns.values());
            case Attr.B b -> AttributeValue.fromB(bytes(b.base64(), path));
            case Attr.BS bs -> AttributeValue.fromBs(list(bs.base64(), AttributeValues::bytes, path));
        };
    }

    private static Attr read(AttributeValue value, String path) {
        if (value == null) {
            throw new IllegalArgumentException(path + ": no value");
        }
        // type() is UNKNOWN_TO_SDK_VERSION when no member is set (or DynamoDB sent a type newer than this
        // SDK) and null when a hand-built value sets more than one; either way there is nothing to keep.
        AttributeValue.Type type = value.type();
        if (type == null || type == AttributeValue.Type.UNKNOWN_TO_SDK_VERSION) {
            throw new IllegalArgumentException(path + ": not one of the DynamoDB types S, N, BOOL, NULL, L, M, SS,"
                    + " NS, B, BS (type " + type + "): " + value);
        }
        // A builder can set a member to null and keep its type (toBuilder().s(null)), hence the checks.
        return switch (type) {
            case S -> new Attr.S(present(value.s(), path, type));
            case N -> number(present(value.n(), path, type), path);
            case BOOL -> new Attr.Bool(present(value.bool(), path, type));
            // DynamoDB never sends NULL false and rejects it on write; reading it as NULL loses nothing.
            case NUL -> new Attr.Null();
            case L -> new Attr.L(list(present(value.l(), path, type), AttributeValues::read, path));
            case M -> new Attr.M(map(present(value.m(), path, type), AttributeValues::read, path));
            case SS, NS, BS -> {
                try {
                    yield switch (type) {
                        case SS -> new Attr.SS(list(present(value.ss(), path, type), AttributeValues::present, path));
                        case NS -> new Attr.NS(list(present(value.ns(), path, type), AttributeValues::present, path));
                        default -> new Attr.BS(list(present(value.bs(), path, type), AttributeValues::base64, path));
                    };
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
                }
            }
            case B -> new Attr.B(base64(present(value.b(), path, type), path));
            case UNKNOWN_TO_SDK_VERSION -> throw new AssertionError("rejected above");
        };
    }

    private static Attr number(String text, String path) {
        try {
            return new Attr.N(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
    }

    private static SdkBytes bytes(String base64, String path) {
        if (base64 == null) {
            throw new IllegalArgumentException(path + ": no value");
        }
        try {
            return SdkBytes.fromByteArrayUnsafe(Base64.getDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": binary value is not base64: '" + base64 + "'", e);
        }
    }

    // Standard base64 with padding: the text the AWS CLI and DynamoDB JSON show, so Attr.B compares with
    // what a file holds.
    private static String base64(SdkBytes bytes, String path) {
        if (bytes == null) {
            throw new IllegalArgumentException(path + ": no value");
        }
        return Base64.getEncoder().encodeToString(bytes.asByteArrayUnsafe());
    }

    private static <T> T present(T member, String path, AttributeValue.Type type) {
        if (member == null) {
            throw new IllegalArgumentException(path + ": " + type + " value is null");
        }
        return member;
    }

    private static String present(String element, String path) {
        if (element == null) {
            throw new IllegalArgumentException(path + ": null in a set");
        }
        return element;
    }

    private static <A, B> List<B> list(List<A> values, BiFunction<A, String, B> convert, String path) {
        List<B> converted = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            converted.add(convert.apply(values.get(i), path + "[" + i + "]"));
        }
        return converted;
    }

    // LinkedHashMap so that an item reads and writes back in the order it was given; the SDK keeps a
    // map's iteration order when it copies it.
    private static <A, B> Map<String, B> map(Map<String, A> values, BiFunction<A, String, B> convert, String path) {
        Map<String, B> converted = new LinkedHashMap<>();
        values.forEach(
                (name, value) -> converted.put(name, convert.apply(value, path.isEmpty() ? name : path + "." + name)));
        return converted;
    }
}
