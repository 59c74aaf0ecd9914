package dev.switchyard.reactor.store;

import dev.switchyard.contracts.attr.Attr;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Evaluates conditions and applies updates to items as DynamoDB does, for the stores that are not
 * DynamoDB. The contract tests run the same cases against DynamoDB's API (dynalite) and against the
 * stores using this class, so where the two could differ, a test says which is right.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html
 */
public final class Expressions {
    /** DynamoDB's item size limit. */
    public static final int MAX_ITEM_BYTES = 400 * 1024;

    private Expressions() {}

    /** Whether the condition holds on an item; {@code item} is {@code null} when there is none. */
    public static boolean test(Condition condition, Map<String, Attr> item) {
        Map<String, Attr> attributes = item == null ? Map.of() : item;
        return switch (condition) {
            case Condition.Exists e -> resolve(attributes, e.path()) != null;
            case Condition.NotExists n -> resolve(attributes, n.path()) == null;
            case Condition.Compare c -> compare(resolve(attributes, c.path()), c.op(), c.value());
            case Condition.BeginsWith b ->
                resolve(attributes, b.path()) instanceof Attr.S s && s.value().startsWith(b.prefix());
            case Condition.Contains c -> contains(resolve(attributes, c.path()), c.value());
            case Condition.And and -> and.all().stream().allMatch(x -> test(x, attributes));
            case Condition.Or or -> or.any().stream().anyMatch(x -> test(x, attributes));
            case Condition.Not not -> !test(not.condition(), attributes);
        };
    }

    /** The value at a path, or {@code null} when there is none. */
    public static Attr resolve(Map<String, Attr> item, Path path) {
        Attr value = item.get(path.attribute());
        for (String key : path.segments().subList(1, path.segments().size())) {
            if (!(value instanceof Attr.M map)) {
                return null;
            }
            value = map.values().get(key);
        }
        return value;
    }

    private static boolean compare(Attr actual, Condition.Op op, Attr expected) {
        if (op == Condition.Op.EQ) {
            return expected.equals(actual);
        }
        if (op == Condition.Op.NE) {
            return !expected.equals(actual);
        }
        if (actual == null || actual.getClass() != expected.getClass()) {
            return false;
        }
        int order = order(actual, expected);
        return switch (op) {
            case LT -> order < 0;
            case LE -> order <= 0;
            case GT -> order > 0;
            case GE -> order >= 0;
            case EQ, NE -> throw new AssertionError(op);
        };
    }

    private static int order(Attr a, Attr b) {
        return switch (a) {
            case Attr.S s -> Utf8.compare(s.value(), ((Attr.S) b).value());
            case Attr.N n -> new BigDecimal(n.value()).compareTo(new BigDecimal(((Attr.N) b).value()));
            case Attr.B bin ->
                Arrays.compareUnsigned(
                        Base64.getDecoder().decode(bin.base64()),
                        Base64.getDecoder().decode(((Attr.B) b).base64()));
            default -> throw new AssertionError("not ordered: " + a.typeName());
        };
    }

    private static boolean contains(Attr actual, Attr operand) {
        return switch (actual) {
            case Attr.S s -> operand instanceof Attr.S part && s.value().contains(part.value());
            // A binary contains the operand's bytes as a subsequence (API_Condition, CONTAINS).
            case Attr.B b ->
                operand instanceof Attr.B part
                        && indexOf(
                                        Base64.getDecoder().decode(b.base64()),
                                        Base64.getDecoder().decode(part.base64()))
                                >= 0;
            case Attr.SS ss -> operand instanceof Attr.S member && ss.values().contains(member.value());
            case Attr.NS ns -> operand instanceof Attr.N member && ns.values().contains(member.value());
            case Attr.BS bs ->
                operand instanceof Attr.B member
                        && bs.base64().stream()
                                .anyMatch(x -> Arrays.equals(
                                        Base64.getDecoder().decode(x),
                                        Base64.getDecoder().decode(member.base64())));
            case Attr.L list -> list.values().contains(operand);
            case null, default -> false;
        };
    }

    private static int indexOf(byte[] data, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= data.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (data[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * The item an update makes: {@code item} changed, or when it is {@code null} a new item holding the key
     * and the changes. Refuses, as DynamoDB does, to change a key attribute, to set or remove a nested path
     * whose map does not exist, to mix types in {@code ADD}/{@code DELETE}, and to make an item over 400 KB.
     *
     * @return the item after the update, or {@code null} when there was no item and the update only removes
     *     ({@code REMOVE}, {@code DELETE}): DynamoDB creates no item then
     */
    public static Map<String, Attr> apply(
            TableSchema schema, Map<String, Attr> key, Update update, Map<String, Attr> item) {
        if (item == null
                && update.actions().stream().allMatch(a -> a instanceof Update.Remove || a instanceof Update.Delete)) {
            update.actions().forEach(a -> refuseKey(schema, a));
            schema.checkKey(key);
            return null;
        }
        Map<String, Attr> result = new LinkedHashMap<>(item == null ? schema.checkKey(key) : item);
        for (Update.Action action : update.actions()) {
            if (schema.isKey(action.path().attribute())) {
                throw new IllegalArgumentException("cannot update attribute "
                        + action.path().attribute() + ": it is part of the key of table " + schema.name());
            }
            switch (action) {
                case Update.Set set -> write(result, set.path(), set.value());
                case Update.SetIfNotExists set -> {
                    if (resolve(result, set.path()) == null) {
                        write(result, set.path(), set.value());
                    }
                }
                case Update.Remove remove -> remove(result, remove.path());
                case Update.Add add ->
                    result.put(add.path().attribute(), add(result.get(add.path().attribute()), add));
                case Update.Delete delete -> {
                    Attr left = delete(result.get(delete.path().attribute()), delete);
                    if (left == null) {
                        result.remove(delete.path().attribute());
                    } else {
                        result.put(delete.path().attribute(), left);
                    }
                }
            }
        }
        checkItem(schema, result);
        return result;
    }

    private static void refuseKey(TableSchema schema, Update.Action action) {
        if (schema.isKey(action.path().attribute())) {
            throw new IllegalArgumentException("cannot update attribute "
                    + action.path().attribute() + ": it is part of the key of table " + schema.name());
        }
    }

    /** Checks what DynamoDB checks of a whole item on a put: keys, index keys and size. */
    public static void checkItem(TableSchema schema, Map<String, Attr> item) {
        schema.checkItem(item);
        int size = size(item);
        if (size > MAX_ITEM_BYTES) {
            throw new IllegalArgumentException("item " + schema.keyOf(item) + " would be " + size
                    + " bytes; DynamoDB's limit is " + MAX_ITEM_BYTES);
        }
    }

    private static void write(Map<String, Attr> item, Path path, Attr value) {
        change(item, path, entries -> entries.put(path.segments().getLast(), value));
    }

    /** Removes a path; a missing last key is fine, a missing or non-map parent is not (as in DynamoDB). */
    private static void remove(Map<String, Attr> item, Path path) {
        change(item, path, entries -> entries.remove(path.segments().getLast()));
    }

    /**
     * Applies {@code change} to the map holding {@code path}'s last segment: the item itself for a top-level
     * path, else the nested map, which must exist ("The document path provided in the update expression is
     * invalid for update").
     */
    private static void change(
            Map<String, Attr> item, Path path, java.util.function.Consumer<Map<String, Attr>> change) {
        if (path.isTopLevel()) {
            change.accept(item);
            return;
        }
        if (!(resolve(item, path.parent()) instanceof Attr.M)) {
            throw new IllegalArgumentException(
                    "the document path " + path + " is invalid for update: " + path.parent() + " is not a map");
        }
        replace(item, path.parent(), parent -> {
            Map<String, Attr> values = new LinkedHashMap<>(((Attr.M) parent).values());
            change.accept(values);
            return new Attr.M(values);
        });
    }

    /** Replaces the map at {@code path} (which exists) with {@code change} of it, rebuilding its ancestors. */
    private static void replace(Map<String, Attr> item, Path path, java.util.function.UnaryOperator<Attr> change) {
        if (path.isTopLevel()) {
            item.put(path.attribute(), change.apply(item.get(path.attribute())));
            return;
        }
        replace(item, path.parent(), parent -> {
            Map<String, Attr> values = new LinkedHashMap<>(((Attr.M) parent).values());
            String last = path.segments().getLast();
            values.put(last, change.apply(values.get(last)));
            return new Attr.M(values);
        });
    }

    private static Attr add(Attr current, Update.Add add) {
        Attr value = add.value();
        if (current == null) {
            return value;
        }
        return switch (value) {
            case Attr.N n
            when current instanceof Attr.N c ->
                new Attr.N(
                        new BigDecimal(c.value()).add(new BigDecimal(n.value())).toString());
            case Attr.SS ss when current instanceof Attr.SS c -> new Attr.SS(union(c.values(), ss.values()));
            case Attr.NS ns when current instanceof Attr.NS c -> new Attr.NS(union(c.values(), ns.values()));
            case Attr.BS bs when current instanceof Attr.BS c -> new Attr.BS(union(c.base64(), bs.base64()));
            default -> throw mismatch("ADD", add.path(), current, value);
        };
    }

    private static Attr delete(Attr current, Update.Delete delete) {
        Attr value = delete.value();
        if (current == null) {
            return null;
        }
        List<String> left = switch (value) {
            case Attr.SS ss when current instanceof Attr.SS c -> minus(c.values(), ss.values());
            case Attr.NS ns when current instanceof Attr.NS c -> minus(c.values(), ns.values());
            case Attr.BS bs when current instanceof Attr.BS c -> minus(c.base64(), bs.base64());
            default -> throw mismatch("DELETE", delete.path(), current, value);
        };
        if (left.isEmpty()) {
            return null;
        }
        return switch (current) {
            case Attr.SS x -> new Attr.SS(left);
            case Attr.NS x -> new Attr.NS(left);
            default -> new Attr.BS(left);
        };
    }

    private static List<String> union(List<String> a, List<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return new ArrayList<>(all);
    }

    private static List<String> minus(List<String> a, List<String> b) {
        List<String> left = new ArrayList<>(a);
        left.removeAll(b);
        return left;
    }

    private static IllegalArgumentException mismatch(String action, Path path, Attr current, Attr value) {
        return new IllegalArgumentException(action + " " + path + ": an operand type mismatch: the attribute is "
                + current.typeName() + ", the operand " + value.typeName());
    }

    /**
     * An item's size as DynamoDB counts it, closely enough to refuse what DynamoDB refuses: names and
     * strings by their UTF-8 bytes, numbers by about one byte per two digits, containers with a few bytes
     * of overhead. https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html
     */
    public static int size(Map<String, Attr> item) {
        int size = 0;
        for (Map.Entry<String, Attr> e : item.entrySet()) {
            size += utf8(e.getKey()) + size(e.getValue());
        }
        return size;
    }

    private static int size(Attr value) {
        return switch (Objects.requireNonNull(value)) {
            case Attr.S s -> utf8(s.value());
            case Attr.N n -> n.value().length() / 2 + 2;
            case Attr.B b -> Base64.getDecoder().decode(b.base64()).length;
            case Attr.Bool b -> 1;
            case Attr.Null x -> 1;
            case Attr.SS ss -> ss.values().stream().mapToInt(Expressions::utf8).sum();
            case Attr.NS ns ->
                ns.values().stream().mapToInt(v -> v.length() / 2 + 2).sum();
            case Attr.BS bs ->
                bs.base64().stream()
                        .mapToInt(v -> Base64.getDecoder().decode(v).length)
                        .sum();
            case Attr.L l -> 3 + l.values().stream().mapToInt(v -> size(v) + 1).sum();
            case Attr.M m -> 3 + size(m.values()) + m.values().size();
        };
    }

    private static int utf8(String text) {
        return Utf8.length(text);
    }
}
