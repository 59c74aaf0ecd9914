package dev.switchyard.contracts.category;

import dev.switchyard.contracts.Decoded;
import dev.switchyard.contracts.FieldProblem;
import dev.switchyard.contracts.attr.Attr;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A category of jobs (SPEC §1): the upstream categories it waits for and how many of its jobs may run
 * at once. Data, like the control table, so it changes without a redeploy.
 *
 * @param category the name jobs carry in {@code JobCategory}
 * @param dependsOn upstream categories; every one must succeed for the run date before this one is
 *     triggered (fan-in)
 * @param maxConcurrency at most this many of its jobs run at once, 1 to {@value #MAX_CONCURRENCY_LIMIT}
 * @param otherColumns columns this record does not name, kept untouched
 */
public record CategoryDefinition(
        String category, List<String> dependsOn, int maxConcurrency, Map<String, Attr> otherColumns) {

    public static final String CATEGORY = "Category";
    public static final String DEPENDS_ON = "DependsOn";
    public static final String MAX_CONCURRENCY = "MaxConcurrency";
    public static final List<String> COLUMNS = List.of(CATEGORY, DEPENDS_ON, MAX_CONCURRENCY);
    public static final int DEFAULT_MAX_CONCURRENCY = 10;
    /** Step Functions' inline Map runs at most 40 iterations at once; a distributed Map 10,000. */
    public static final int MAX_CONCURRENCY_LIMIT = 10_000;

    public CategoryDefinition {
        if (category == null || category.isBlank()) {
            throw new IllegalArgumentException("Category must not be empty");
        }
        category = category.strip();
        dependsOn = dependsOn.stream().map(String::strip).toList();
        if (dependsOn.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException(category + ": DependsOn has an empty name");
        }
        if (Set.copyOf(dependsOn).size() != dependsOn.size()) {
            throw new IllegalArgumentException(category + ": DependsOn lists a category twice: " + dependsOn);
        }
        if (dependsOn.contains(category)) {
            throw new IllegalArgumentException(category + " depends on itself");
        }
        if (maxConcurrency < 1 || maxConcurrency > MAX_CONCURRENCY_LIMIT) {
            throw new IllegalArgumentException("MaxConcurrency must be 1.." + MAX_CONCURRENCY_LIMIT);
        }
        otherColumns = Collections.unmodifiableMap(new LinkedHashMap<>(otherColumns));
        for (String name : otherColumns.keySet()) {
            if (COLUMNS.contains(name)) {
                throw new IllegalArgumentException(name + " is a named column, not an other column");
            }
        }
    }

    public static CategoryDefinition of(String category, List<String> dependsOn, int maxConcurrency) {
        return new CategoryDefinition(category, dependsOn, maxConcurrency, Map.of());
    }

    /** The definition as attributes; {@code DependsOn} as a list (a comma-separated cell in CSV). */
    public Map<String, Attr> toAttributes() {
        Map<String, Attr> item = new LinkedHashMap<>();
        item.put(CATEGORY, new Attr.S(category));
        item.put(
                DEPENDS_ON, new Attr.L(dependsOn.stream().<Attr>map(Attr.S::new).toList()));
        item.put(MAX_CONCURRENCY, Attr.n(maxConcurrency));
        item.putAll(otherColumns);
        return item;
    }

    /**
     * Reads a definition. {@code DependsOn} may be a list or set of strings, or one string of
     * comma-separated names (as a CSV cell holds it); {@code MaxConcurrency} a number or numeric text,
     * 10 when missing.
     */
    public static Decoded<CategoryDefinition> fromAttributes(Map<String, Attr> attributes) {
        List<FieldProblem> problems = new ArrayList<>();
        String category = switch (attributes.get(CATEGORY)) {
            case Attr.S s when !s.value().isBlank() -> s.value().strip();
            case Attr.N n -> n.value(); // YAML reads an unquoted 2026 as a number
            case null -> missing(problems);
            case Attr.S s -> missing(problems);
            case Attr.Null x -> missing(problems);
            case Attr other -> {
                problems.add(new FieldProblem(CATEGORY, other.toString(), "Category must be a string"));
                yield null;
            }
        };
        List<String> dependsOn = dependsOn(attributes.get(DEPENDS_ON), category, problems);
        int maxConcurrency = maxConcurrency(attributes.get(MAX_CONCURRENCY), problems);
        if (!problems.isEmpty()) {
            return new Decoded.Invalid<>(problems);
        }
        Map<String, Attr> others = new LinkedHashMap<>(attributes);
        others.keySet().removeAll(COLUMNS);
        return new Decoded.Ok<>(new CategoryDefinition(category, dependsOn, maxConcurrency, others));
    }

    private static String missing(List<FieldProblem> problems) {
        problems.add(new FieldProblem(CATEGORY, null, "Category is missing"));
        return null;
    }

    private static List<String> dependsOn(Attr raw, String category, List<FieldProblem> problems) {
        List<String> names = new ArrayList<>();
        switch (raw) {
            case null -> {}
            case Attr.Null x -> {}
            case Attr.S s -> {
                for (String part : s.value().split(",", -1)) {
                    names.add(part.strip());
                }
                if (s.value().isBlank()) {
                    names.clear();
                }
            }
            case Attr.SS ss -> ss.values().forEach(v -> names.add(v.strip()));
            case Attr.L l -> {
                for (Attr element : l.values()) {
                    if (element instanceof Attr.S s) {
                        names.add(s.value().strip());
                    } else {
                        problems.add(new FieldProblem(
                                DEPENDS_ON, element.toString(), "DependsOn must list category names (strings)"));
                        return List.of();
                    }
                }
            }
            default -> {
                problems.add(new FieldProblem(
                        DEPENDS_ON,
                        raw.toString(),
                        "DependsOn must be a list of categories or a comma-separated string"));
                return List.of();
            }
        }
        String text = String.join(",", names);
        if (names.stream().anyMatch(String::isEmpty)) {
            problems.add(new FieldProblem(DEPENDS_ON, text, "DependsOn has an empty name (a stray comma?)"));
        }
        Set<String> unique = new LinkedHashSet<>(names);
        if (unique.size() != names.size()) {
            problems.add(new FieldProblem(DEPENDS_ON, text, "DependsOn lists a category twice"));
        }
        if (category != null && unique.contains(category)) {
            problems.add(new FieldProblem(DEPENDS_ON, text, "a category cannot depend on itself: " + category));
        }
        return List.copyOf(unique);
    }

    private static int maxConcurrency(Attr raw, List<FieldProblem> problems) {
        String text = switch (raw) {
            case null -> null;
            case Attr.Null x -> null;
            case Attr.N n -> n.value();
            case Attr.S s -> s.value().isBlank() ? null : s.value().strip();
            default -> {
                problems.add(new FieldProblem(MAX_CONCURRENCY, raw.toString(), "MaxConcurrency must be a number"));
                yield null;
            }
        };
        if (text == null) {
            return DEFAULT_MAX_CONCURRENCY;
        }
        try {
            int value = new BigDecimal(text).intValueExact();
            if (value >= 1 && value <= MAX_CONCURRENCY_LIMIT) {
                return value;
            }
        } catch (NumberFormatException | ArithmeticException notAnInt) {
            // reported below
        }
        problems.add(new FieldProblem(
                MAX_CONCURRENCY, text, "MaxConcurrency must be a whole number from 1 to " + MAX_CONCURRENCY_LIMIT));
        return DEFAULT_MAX_CONCURRENCY;
    }
}
