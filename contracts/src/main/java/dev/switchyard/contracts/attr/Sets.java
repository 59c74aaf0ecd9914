package dev.switchyard.contracts.attr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/** The rules DynamoDB applies to its set types, shared by {@link Attr.SS}, {@link Attr.NS} and {@link Attr.BS}. */
final class Sets {
    private Sets() {}

    /**
     * Canonical members in canonical order; DynamoDB rejects an empty set ("An string set may not be
     * empty") and duplicates ("Input collection contains duplicates"), and so does this.
     */
    static List<String> canonical(
            String kind, List<String> values, UnaryOperator<String> member, Comparator<String> order) {
        Objects.requireNonNull(values, "values");
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a " + kind + " set may not be empty (DynamoDB has no empty sets)");
        }
        List<String> members = new ArrayList<>(values.size());
        for (String value : values) {
            members.add(member.apply(Objects.requireNonNull(value, "set member")));
        }
        members.sort(order);
        for (int i = 1; i < members.size(); i++) {
            if (order.compare(members.get(i - 1), members.get(i)) == 0) {
                throw new IllegalArgumentException(
                        "a " + kind + " set holds '" + members.get(i) + "' twice (DynamoDB refuses duplicates)");
            }
        }
        return List.copyOf(members);
    }

    static String canonicalBase64(String text) {
        try {
            return Base64.getEncoder().encodeToString(Base64.getDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not base64: '" + text + "'", e);
        }
    }

    static int compareBase64(String a, String b) {
        return Arrays.compareUnsigned(
                Base64.getDecoder().decode(a), Base64.getDecoder().decode(b));
    }
}
