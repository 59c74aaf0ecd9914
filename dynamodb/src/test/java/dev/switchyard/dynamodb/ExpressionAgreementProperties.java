package dev.switchyard.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.reactor.store.Condition;
import dev.switchyard.reactor.store.Expressions;
import dev.switchyard.reactor.store.InMemoryItemTable;
import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.store.Path;
import dev.switchyard.reactor.store.TableSchema;
import dev.switchyard.reactor.store.Update;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Switchyard's own evaluator of condition and update expressions ({@code Expressions}, behind the in-memory
 * and SQLite stores) agrees with a DynamoDB-API server (dynalite, through {@link DynamoItemTable}) on random
 * items, conditions and updates.
 *
 * <p>Where dynalite was found to differ from DynamoDB, the case is left out of generation by a {@code
 * dynaliteDeviates} predicate, documented with the evidence of what DynamoDB does. (The property also found
 * three bugs of Expressions, since fixed: {@code contains} on binaries, {@code REMOVE} of a nested path
 * whose parent is not a map, and an update that only removes making an item where there was none.)
 *
 * <p>Edge cases are not mixed in: jqwik's would mostly pick the first and last path of each pool, while
 * the pools themselves already hold the edge values (empty strings, binaries, maps and lists, 0, -0.00).
 */
class ExpressionAgreementProperties {

    private static final TableSchema SCHEMA = new TableSchema("expr_agree", "Id", null, List.of(), false, null);

    /** Every try writes its own item, so one table serves them all. */
    private static final AtomicLong KEYS = new AtomicLong();

    private static final Update PROBE =
            Update.builder().set("Probe", new Attr.Bool(true)).build();

    // Code points on both sides of the UTF-16 surrogates (é, U+FF61, U+1F600), so that string order by
    // UTF-8 bytes and by UTF-16 units differ.
    private static final List<String> LETTERS = List.of("a", "b", "é", "\uFF61", "\uD83D\uDE00");

    // Equal numbers written differently (1.5, 1.50, 15E-1; 10, 1E+1; 0, -0.00) and unequal ones. Attr.N
    // keeps a number in canonical form, so what reaches either side is already 1.5, 10 and 0.
    private static final List<String> NUMBERS =
            List.of("0", "-0.00", "1", "1.5", "1.50", "15E-1", "-1", "-1.5", "2", "10", "1E+1", "0.001");

    private static final List<Byte> BYTES = List.of((byte) 0x00, (byte) 0x61, (byte) 0x80, (byte) 0xff);

    private static final List<String> MAP_KEYS = List.of("k", "j", "x");

    /** Paths conditions test: the key, stored attributes, nested ones, and one never stored. */
    private static final List<Path> CONDITION_PATHS = List.of(
            Path.of("Id"),
            Path.of("A"),
            Path.of("B"),
            Path.of("M"),
            Path.of("M", "k"),
            Path.of("M", "j"),
            Path.of("M", "k", "x"),
            Path.of("A", "k"),
            Path.of("Nope"));

    /** Paths updates write: top-level, nested under maps that may or may not be there, and the key. */
    private static final List<Path> UPDATE_PATHS = List.of(
            Path.of("A"),
            Path.of("B"),
            Path.of("C"),
            Path.of("M"),
            Path.of("M", "k"),
            Path.of("M", "j"),
            Path.of("M", "k", "x"),
            Path.of("A", "k"),
            Path.of("Nope", "x"),
            Path.of("Id"));

    private static final List<Path> TOP_LEVEL_UPDATE_PATHS =
            UPDATE_PATHS.stream().filter(Path::isTopLevel).toList();

    // ---------------------------------------------------------------------------------------------------
    // Properties

    @Property(tries = 150, edgeCases = EdgeCasesMode.NONE)
    void shouldDecideConditionsAsDynamoDbDoes(@ForAll boolean stored, @ForAll("conditionCases") ConditionCase c) {
        Map<String, Attr> key = newKey();
        ItemTable memory = new InMemoryItemTable(SCHEMA);
        ItemTable dynamo = Dynamo.table();
        if (stored) {
            Map<String, Attr> item = new LinkedHashMap<>(key);
            item.putAll(c.attributes());
            memory.put(item, Condition.ALWAYS);
            dynamo.put(item, Condition.ALWAYS);
        }

        boolean expected = dynamo.update(key, PROBE, c.condition()).applied();
        boolean actual = memory.update(key, PROBE, c.condition()).applied();

        assertThat(actual)
                .as("Expressions says %s, dynalite %s", actual, expected)
                .isEqualTo(expected);
    }

    /** An item's attributes besides its key, and a condition on it. */
    record ConditionCase(Map<String, Attr> attributes, Condition condition) {}

    @Property(tries = 150, edgeCases = EdgeCasesMode.NONE)
    void shouldApplyUpdatesAsDynamoDbDoes(
            @ForAll boolean stored,
            @ForAll("attributes") Map<String, Attr> attributes,
            @ForAll("updates") Update update) {
        Assume.that(stored || !dynaliteDeviates(update));
        Map<String, Attr> key = newKey();
        ItemTable memory = new InMemoryItemTable(SCHEMA);
        ItemTable dynamo = Dynamo.table();
        if (stored) {
            Map<String, Attr> item = new LinkedHashMap<>(key);
            item.putAll(attributes);
            memory.put(item, Condition.ALWAYS);
            dynamo.put(item, Condition.ALWAYS);
        }

        Outcome expected = outcome(dynamo, key, update);
        Outcome actual = outcome(memory, key, update);

        assertThat(actual).isEqualTo(expected);
    }

    /**
     * Whether dynalite applies this update to a missing item otherwise than DynamoDB does, a case left out
     * of the property.
     *
     * <ul>
     *   <li>{@code REMOVE} of a nested path: dynalite refuses it ("The document path provided in the update
     *       expression is invalid for update"), as for an item without the parent map. DynamoDB ignores it
     *       when there is no item at all: test_update_expression.py,
     *       test_nested_attribute_remove_from_missing_item ("if the entire item doesn't exist, then a
     *       REMOVE x.y is silently ignored").
     *   <li>An update that only removes ({@code REMOVE}, {@code DELETE}): dynalite creates the item with its
     *       key alone; DynamoDB creates nothing (test_item.py, test_update_item_non_existent), and nor do the
     *       embedded stores (ExpressionsTest checks it).
     * </ul>
     */
    private static boolean dynaliteDeviates(Update update) {
        boolean onlyRemoves =
                update.actions().stream().allMatch(a -> a instanceof Update.Remove || a instanceof Update.Delete);
        return onlyRemoves
                || update.actions().stream()
                        .anyMatch(a -> a instanceof Update.Remove r && !r.path().isTopLevel());
    }

    /** What an update did: refused or not, and the item afterwards (unchanged when refused). */
    record Outcome(boolean refused, Optional<Map<String, Attr>> item) {}

    private static Outcome outcome(ItemTable table, Map<String, Attr> key, Update update) {
        boolean refused;
        try {
            table.update(key, update, Condition.ALWAYS);
            refused = false;
        } catch (IllegalArgumentException e) {
            refused = true;
        }
        return new Outcome(refused, table.get(key));
    }

    private static Map<String, Attr> newKey() {
        return Map.of("Id", new Attr.S("k" + KEYS.incrementAndGet()));
    }

    /** One dynalite table for the class, created on first use. */
    private static final class Dynamo {
        private static final ItemTable TABLE = create();

        static ItemTable table() {
            return TABLE;
        }

        private static ItemTable create() {
            String name = DynamoItemTableTest.uniqueName(SCHEMA.name());
            DynamoTables.create(Dynalite.client(), SCHEMA, name);
            return new DynamoItemTable(Dynalite.client(), SCHEMA, name);
        }
    }

    // ---------------------------------------------------------------------------------------------------
    // Items

    /** The attributes of an item besides its key: A and B of any type, M usually a map. */
    @Provide
    Arbitrary<Map<String, Attr>> attributes() {
        Arbitrary<Attr> m = Arbitraries.frequencyOf(Tuple.of(4, maps(2)), Tuple.of(1, values(1)));
        return Combinators.combine(optional(values(2)), optional(values(2)), optional(m))
                .as((a, b, mv) -> {
                    Map<String, Attr> attributes = new LinkedHashMap<>();
                    a.ifPresent(v -> attributes.put("A", v));
                    b.ifPresent(v -> attributes.put("B", v));
                    mv.ifPresent(v -> attributes.put("M", v));
                    return attributes;
                });
    }

    private static <T> Arbitrary<Optional<T>> optional(Arbitrary<T> values) {
        return Arbitraries.frequencyOf(
                Tuple.of(3, values.map(Optional::of)), Tuple.of(1, Arbitraries.just(Optional.empty())));
    }

    private static Arbitrary<String> strings() {
        return Arbitraries.of(LETTERS).list().ofMaxSize(2).map(l -> String.join("", l));
    }

    private static Arbitrary<String> nonEmptyStrings() {
        return Arbitraries.of(LETTERS).list().ofMinSize(1).ofMaxSize(2).map(l -> String.join("", l));
    }

    private static Arbitrary<String> numbers() {
        return Arbitraries.of(NUMBERS);
    }

    private static Arbitrary<String> binaries(int minSize) {
        return Arbitraries.of(BYTES).list().ofMinSize(minSize).ofMaxSize(2).map(bytes -> {
            byte[] array = new byte[bytes.size()];
            for (int i = 0; i < array.length; i++) {
                array[i] = bytes.get(i);
            }
            return Base64.getEncoder().encodeToString(array);
        });
    }

    private static boolean isOrdered(Attr value) {
        return value instanceof Attr.S || value instanceof Attr.N || value instanceof Attr.B;
    }

    /** Values S, N and B: those that order. */
    private static Arbitrary<Attr> ordered() {
        return Arbitraries.oneOf(
                strings().map(Attr.S::new),
                numbers().map(Attr.N::new),
                binaries(0).map(Attr.B::new));
    }

    private static Arbitrary<Attr> scalars() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, strings().map(Attr.S::new)),
                Tuple.of(3, numbers().map(Attr.N::new)),
                Tuple.of(1, Arbitraries.of(true, false).map(Attr.Bool::new)),
                Tuple.of(1, Arbitraries.just(new Attr.Null())),
                Tuple.of(2, binaries(0).map(Attr.B::new)));
    }

    /** Sets of few members from the small pools, so that members are often shared. */
    private static Arbitrary<Attr> sets() {
        // distinct() as well: shrinking has been seen to break uniqueElements(), and a set refuses duplicates.
        return Arbitraries.oneOf(
                nonEmptyStrings()
                        .list()
                        .ofMinSize(1)
                        .ofMaxSize(3)
                        .uniqueElements()
                        .map(l -> new Attr.SS(l.stream().distinct().toList())),
                numbers()
                        .list()
                        .ofMinSize(1)
                        .ofMaxSize(3)
                        .uniqueElements(n -> new Attr.N(n))
                        .map(l -> new Attr.NS(l.stream()
                                .map(n -> new Attr.N(n).value())
                                .distinct()
                                .toList())),
                binaries(1)
                        .list()
                        .ofMinSize(1)
                        .ofMaxSize(3)
                        .uniqueElements()
                        .map(l -> new Attr.BS(l.stream().distinct().toList())));
    }

    /** Any value, containers nested up to {@code depth} deep. */
    private static Arbitrary<Attr> values(int depth) {
        if (depth == 0) {
            return Arbitraries.frequencyOf(Tuple.of(4, scalars()), Tuple.of(1, sets()));
        }
        return Arbitraries.frequencyOf(
                Tuple.of(6, scalars()),
                Tuple.of(2, sets()),
                Tuple.of(2, values(depth - 1).list().ofMaxSize(3).map(Attr.L::new)),
                Tuple.of(2, maps(depth)));
    }

    /** A map over the few keys paths use, its values nested up to {@code depth - 1} deep. */
    private static Arbitrary<Attr> maps(int depth) {
        return Arbitraries.maps(Arbitraries.of(MAP_KEYS), values(depth - 1))
                .ofMaxSize(3)
                .map(m -> new Attr.M(new LinkedHashMap<>(m)));
    }

    // ---------------------------------------------------------------------------------------------------
    // Conditions

    /** An item and a condition on it, its leaves built by {@link #leafConditions(Map)}. */
    @Provide
    Arbitrary<ConditionCase> conditionCases() {
        return attributes().flatMap(attributes -> {
            Arbitrary<Condition> leaves =
                    leafConditions(attributes).filter(leaf -> !dynaliteDeviates(leaf, attributes));
            return conditions(3, leaves).map(condition -> new ConditionCase(attributes, condition));
        });
    }

    /**
     * A condition on one path, usually one the item has, its operand usually taken from the value there
     * (the value itself, an element, a member or a substring of it) or from elsewhere in the item, so that
     * equal values and matches happen often; otherwise any path or operand.
     */
    private static Arbitrary<Condition> leafConditions(Map<String, Attr> attributes) {
        List<Attr> found = new ArrayList<>();
        attributes.values().forEach(v -> collect(v, found));
        List<Path> existing = new ArrayList<>();
        attributes.forEach((name, value) -> paths(Path.of(name), value, existing));
        Arbitrary<Path> paths = existing.isEmpty()
                ? Arbitraries.of(CONDITION_PATHS)
                : Arbitraries.frequencyOf(
                        Tuple.of(2, Arbitraries.of(existing)), Tuple.of(1, Arbitraries.of(CONDITION_PATHS)));
        return paths.flatMap(path -> {
            List<Attr> near = new ArrayList<>();
            Attr here = Expressions.resolve(attributes, path);
            if (here != null) {
                collect(here, near);
            }
            Arbitrary<Attr> any = operands(near, found, v -> true, values(2));
            Arbitrary<Attr> ordered = operands(near, found, ExpressionAgreementProperties::isOrdered, ordered());
            Arbitrary<String> prefixes = operands(
                            near, found, v -> v instanceof Attr.S, strings().map(Attr.S::new))
                    .map(v -> ((Attr.S) v).value());
            return leafConditions(path, any, ordered, prefixes);
        });
    }

    /** The path of this value and, where it is a map, of every value nested in it (by map keys). */
    private static void paths(Path path, Attr value, List<Path> paths) {
        paths.add(path);
        if (value instanceof Attr.M map) {
            map.values().forEach((key, nested) -> {
                List<String> segments = new ArrayList<>(path.segments());
                segments.add(key);
                paths(new Path(segments), nested, paths);
            });
        }
    }

    /**
     * Every value inside this one, itself included, with set members as single values and a string's
     * substrings as strings.
     */
    private static void collect(Attr value, List<Attr> found) {
        found.add(value);
        switch (value) {
            case Attr.S s -> substrings(s.value()).forEach(v -> found.add(new Attr.S(v)));
            case Attr.L l -> l.values().forEach(v -> collect(v, found));
            case Attr.M m -> m.values().values().forEach(v -> collect(v, found));
            case Attr.SS ss -> ss.values().forEach(v -> collect(new Attr.S(v), found));
            case Attr.NS ns -> ns.values().forEach(v -> found.add(new Attr.N(v)));
            case Attr.BS bs -> bs.base64().forEach(v -> found.add(new Attr.B(v)));
            default -> {}
        }
    }

    /** The substrings of a string, cut between code points (never inside a surrogate pair). */
    private static List<String> substrings(String text) {
        int[] codePoints = text.codePoints().toArray();
        List<String> substrings = new ArrayList<>();
        for (int from = 0; from <= codePoints.length; from++) {
            for (int to = from; to <= codePoints.length; to++) {
                substrings.add(new String(codePoints, from, to - from));
            }
        }
        return substrings;
    }

    /** Operands that {@code fit}: from the value at the path, from elsewhere in the item, or random. */
    private static Arbitrary<Attr> operands(
            List<Attr> near, List<Attr> found, Predicate<Attr> fits, Arbitrary<Attr> random) {
        List<Tuple.Tuple2<Integer, Arbitrary<Attr>>> choices = new ArrayList<>();
        List<Attr> fittingNear = near.stream().filter(fits).distinct().toList();
        List<Attr> fittingFound = found.stream().filter(fits).distinct().toList();
        if (!fittingNear.isEmpty()) {
            choices.add(Tuple.of(2, Arbitraries.of(fittingNear)));
        }
        if (!fittingFound.isEmpty()) {
            choices.add(Tuple.of(1, Arbitraries.of(fittingFound)));
        }
        choices.add(Tuple.of(1, random));
        return Arbitraries.frequencyOf(choices.toArray(Tuple.Tuple2[]::new));
    }

    /**
     * Whether dynalite decides this condition on these attributes otherwise than DynamoDB does, a case
     * left out of the property. Evidence for DynamoDB's behaviour: the API reference, and ScyllaDB's
     * DynamoDB-compatibility tests, which are run against DynamoDB itself
     * (https://github.com/scylladb/scylladb, test/alternator/test_condition_expression.py).
     *
     * <ul>
     *   <li>{@code =} and {@code <>} of two equal lists or maps: dynalite (db/index.js, valsEqual) compares
     *       them with JavaScript's {@code ==}, which is identity for objects, so they are never equal.
     *       DynamoDB compares them by value: "EQ is supported for all data types, including lists and
     *       maps" (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Condition.html);
     *       test_update_condition_eq_success finds {@code a = :val} true for a list and for a map.
     *   <li>{@code contains} of a list and a value other than a string, number or binary (a set, list,
     *       map, boolean or null) that the list holds: dynalite (db/index.js, contains) looks in a list
     *       for strings, numbers and binaries only. DynamoDB finds any element: test_update_condition_contains
     *       finds {@code contains(e, :arg)} true for a list holding the set or list {@code :arg}.
     *   <li>{@code contains} of a list and the empty string or empty binary that the list holds: dynalite
     *       tests {@code val.S && val.S === compVal}, and the empty string is false in JavaScript, so it
     *       never finds one (nor an empty binary). DynamoDB finds an element equal to the operand, as above.
     *   <li>{@code contains} of a binary value where a binary involved is not valid UTF-8: dynalite
     *       decodes binaries as UTF-8 text before comparing ({@code Buffer.from(v, 'base64').toString()}),
     *       which turns every invalid sequence into U+FFFD, so the bytes 0x80 and 0xFF match. DynamoDB
     *       compares bytes ("DynamoDB treats each byte of the binary data as unsigned", API_Condition).
     * </ul>
     */
    private static boolean dynaliteDeviates(Condition leaf, Map<String, Attr> attributes) {
        return switch (leaf) {
            case Condition.Compare c ->
                !c.op().isOrdering()
                        && (c.value() instanceof Attr.L || c.value() instanceof Attr.M)
                        && c.value().equals(Expressions.resolve(attributes, c.path()));
            case Condition.Contains c -> {
                Attr actual = Expressions.resolve(attributes, c.path());
                if (actual instanceof Attr.L list
                        && (!isOrdered(c.value()) || isEmpty(c.value()))
                        && list.values().contains(c.value())) {
                    yield true;
                }
                yield c.value() instanceof Attr.B b
                        && !(validUtf8(b.base64())
                                && switch (actual) {
                                    case Attr.B x -> validUtf8(x.base64());
                                    case Attr.BS x -> x.base64().stream().allMatch(v -> validUtf8(v));
                                    case Attr.L x ->
                                        x.values().stream()
                                                .allMatch(v -> !(v instanceof Attr.B e) || validUtf8(e.base64()));
                                    case null, default -> true;
                                });
            }
            default -> false;
        };
    }

    private static boolean isEmpty(Attr value) {
        return value instanceof Attr.S s && s.value().isEmpty()
                || value instanceof Attr.B b && b.base64().isEmpty();
    }

    private static boolean validUtf8(String base64) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(Base64.getDecoder().decode(base64)));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static Arbitrary<Condition> conditions(int depth, Arbitrary<Condition> leaves) {
        if (depth == 0) {
            return leaves;
        }
        Arbitrary<Condition> inner = Arbitraries.lazy(() -> conditions(depth - 1, leaves));
        return Arbitraries.frequencyOf(
                Tuple.of(5, leaves),
                Tuple.of(1, inner.list().ofMaxSize(3).map(Condition.And::new)),
                Tuple.of(1, inner.list().ofMinSize(1).ofMaxSize(3).map(Condition.Or::new)),
                Tuple.of(1, inner.map(Condition.Not::new)));
    }

    private static Arbitrary<Condition> leafConditions(
            Path path, Arbitrary<Attr> any, Arbitrary<Attr> ordered, Arbitrary<String> prefixes) {
        Arbitrary<Condition.Op> equality = Arbitraries.of(Condition.Op.EQ, Condition.Op.NE);
        Arbitrary<Condition.Op> ordering =
                Arbitraries.of(Condition.Op.LT, Condition.Op.LE, Condition.Op.GT, Condition.Op.GE);
        return Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(new Condition.Exists(path))),
                Tuple.of(1, Arbitraries.just(new Condition.NotExists(path))),
                Tuple.of(3, Combinators.combine(equality, any).as((op, v) -> new Condition.Compare(path, op, v))),
                Tuple.of(3, Combinators.combine(ordering, ordered).as((op, v) -> new Condition.Compare(path, op, v))),
                Tuple.of(1, prefixes.map(p -> new Condition.BeginsWith(path, p))),
                Tuple.of(3, any.map(v -> new Condition.Contains(path, v))));
    }

    // ---------------------------------------------------------------------------------------------------
    // Updates

    @Provide
    Arbitrary<Update> updates() {
        return actions()
                .list()
                .ofMinSize(1)
                .ofMaxSize(4)
                .map(ExpressionAgreementProperties::withoutOverlaps)
                .map(Update::new);
    }

    /** The actions in order, less each one whose path overlaps one before it (DynamoDB refuses those). */
    private static List<Update.Action> withoutOverlaps(List<Update.Action> actions) {
        List<Update.Action> kept = new ArrayList<>();
        for (Update.Action action : actions) {
            if (kept.stream().noneMatch(k -> k.path().overlaps(action.path()))) {
                kept.add(action);
            }
        }
        return kept;
    }

    private static Arbitrary<Update.Action> actions() {
        Arbitrary<Path> paths = Arbitraries.of(UPDATE_PATHS);
        Arbitrary<Path> topLevel = Arbitraries.of(TOP_LEVEL_UPDATE_PATHS);
        Arbitrary<Attr> addable = Arbitraries.oneOf(numbers().map(Attr.N::new), sets());
        return Arbitraries.frequencyOf(
                Tuple.of(3, Combinators.combine(paths, values(2)).as(Update.Set::new)),
                Tuple.of(2, Combinators.combine(paths, values(1)).as(Update.SetIfNotExists::new)),
                Tuple.of(2, paths.map(Update.Remove::new)),
                Tuple.of(2, Combinators.combine(topLevel, addable).as(Update.Add::new)),
                Tuple.of(2, Combinators.combine(topLevel, sets()).as(Update.Delete::new)));
    }
}
