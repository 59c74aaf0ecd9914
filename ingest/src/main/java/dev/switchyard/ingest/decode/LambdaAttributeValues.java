package dev.switchyard.ingest.decode;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.switchyard.contracts.attr.Attr;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Lambda runtime's {@link AttributeValue} as an {@link Attr}; errors name the attribute path as
 * {@link dev.switchyard.contracts.attr.DynamoJson} does ({@code Tags[0].Owner: ...}).
 */
final class LambdaAttributeValues {
    private LambdaAttributeValues() {}

    /** An item, or null when there is none. */
    static Map<String, Attr> item(Map<String, AttributeValue> item, String path) {
        if (item == null) {
            return null;
        }
        Map<String, Attr> attrs = new LinkedHashMap<>();
        item.forEach((name, value) -> attrs.put(name, attr(value, path + "." + name)));
        return attrs;
    }

    static Attr attr(AttributeValue value, String where) {
        long types = value == null
                ? 0
                : Stream.of(
                                value.getS(),
                                value.getN(),
                                value.getB(),
                                value.getSS(),
                                value.getNS(),
                                value.getBS(),
                                value.getM(),
                                value.getL(),
                                value.getNULL(),
                                value.getBOOL())
                        .filter(v -> v != null)
                        .count();
        if (types != 1) {
            throw new IllegalArgumentException(where + ": expected one type descriptor such as {\"S\": ...}");
        }
        if (value.getM() != null) {
            return new Attr.M(item(value.getM(), where));
        }
        if (value.getL() != null) {
            List<Attr> values = new ArrayList<>();
            for (AttributeValue element : value.getL()) {
                values.add(attr(element, where + "[" + values.size() + "]"));
            }
            return new Attr.L(values);
        }
        try {
            return scalarOrSet(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static Attr scalarOrSet(AttributeValue value) {
        if (value.getS() != null) {
            return new Attr.S(value.getS());
        } else if (value.getN() != null) {
            return new Attr.N(value.getN());
        } else if (value.getB() != null) {
            return new Attr.B(base64(value.getB()));
        } else if (value.getSS() != null) {
            return new Attr.SS(value.getSS());
        } else if (value.getNS() != null) {
            return new Attr.NS(value.getNS());
        } else if (value.getBS() != null) {
            return new Attr.BS(
                    value.getBS().stream().map(LambdaAttributeValues::base64).toList());
        } else if (value.getNULL() != null) {
            return new Attr.Null();
        }
        return new Attr.Bool(value.getBOOL());
    }

    private static String base64(ByteBuffer bytes) {
        if (bytes == null) {
            throw new IllegalArgumentException("a binary value is missing");
        }
        ByteBuffer view = bytes.duplicate();
        byte[] copy = new byte[view.remaining()];
        view.get(copy);
        return Base64.getEncoder().encodeToString(copy);
    }
}
