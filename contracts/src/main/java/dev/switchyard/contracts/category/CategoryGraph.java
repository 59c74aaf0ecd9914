package dev.switchyard.contracts.category;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The categories and their dependencies, checked to form a graph without cycles, so chaining always
 * ends. Answers "who depends on C" for the reactor's fan-in.
 */
public final class CategoryGraph {
    private final Map<String, CategoryDefinition> byName;
    private final Map<String, List<String>> downstream;

    private CategoryGraph(Map<String, CategoryDefinition> byName) {
        this.byName = Collections.unmodifiableMap(byName);
        Map<String, List<String>> down = new LinkedHashMap<>();
        byName.values()
                .forEach(d -> d.dependsOn()
                        .forEach(up ->
                                down.computeIfAbsent(up, k -> new ArrayList<>()).add(d.category())));
        down.replaceAll((k, v) -> List.copyOf(v));
        this.downstream = Collections.unmodifiableMap(down);
    }

    /**
     * Builds the graph.
     *
     * @throws CategoryGraphException when a name is defined twice, a dependency names a category that is
     *     not defined, or the dependencies form a cycle (the message names the cycle)
     */
    public static CategoryGraph of(List<CategoryDefinition> definitions) {
        List<GraphProblem> problems = check(definitions);
        if (!problems.isEmpty()) {
            throw new CategoryGraphException(
                    problems.stream().map(GraphProblem::reason).toList());
        }
        Map<String, CategoryDefinition> byName = new LinkedHashMap<>();
        definitions.forEach(d -> byName.put(d.category(), d));
        return new CategoryGraph(byName);
    }

    /** What is wrong with a set of definitions, each tied to the category whose row is at fault. */
    public record GraphProblem(Kind kind, String category, String column, String text, String reason) {
        /** What kind of problem it is. */
        public enum Kind {
            DEFINED_TWICE,
            UNKNOWN_DEPENDENCY,
            CYCLE
        }
    }

    /**
     * Every problem of a set of definitions: a name defined twice, a dependency on a category that is not
     * defined, a cycle (named along its path, e.g. {@code A → B → A}).
     */
    public static List<GraphProblem> check(List<CategoryDefinition> definitions) {
        Map<String, CategoryDefinition> byName = new LinkedHashMap<>();
        List<GraphProblem> problems = new ArrayList<>();
        for (CategoryDefinition d : definitions) {
            if (byName.putIfAbsent(d.category(), d) != null) {
                problems.add(new GraphProblem(
                        GraphProblem.Kind.DEFINED_TWICE,
                        d.category(),
                        CategoryDefinition.CATEGORY,
                        d.category(),
                        "category " + d.category() + " is defined twice"));
            }
        }
        for (CategoryDefinition d : byName.values()) {
            for (String up : d.dependsOn()) {
                if (!byName.containsKey(up)) {
                    problems.add(new GraphProblem(
                            GraphProblem.Kind.UNKNOWN_DEPENDENCY,
                            d.category(),
                            CategoryDefinition.DEPENDS_ON,
                            String.join(",", d.dependsOn()),
                            "category " + d.category() + " depends on " + up + ", which is not defined"));
                }
            }
        }
        findCycle(byName)
                .ifPresent(cycle -> problems.add(new GraphProblem(
                        GraphProblem.Kind.CYCLE,
                        cycle.getFirst(),
                        CategoryDefinition.DEPENDS_ON,
                        String.join(",", byName.get(cycle.getFirst()).dependsOn()),
                        "dependency cycle: " + String.join(" → ", cycle))));
        return problems;
    }

    /**
     * A cycle among the dependencies, as the categories along it with the first repeated at the end
     * ({@code [A, B, A]}), or empty. Dependencies on undefined categories are ignored here.
     */
    public static Optional<List<String>> findCycle(Map<String, CategoryDefinition> byName) {
        Map<String, Integer> state = new HashMap<>(); // absent: unseen, 1: on the current path, 2: done
        for (String start : byName.keySet()) {
            if (state.containsKey(start)) {
                continue;
            }
            // Iterative depth-first search: deep chains must not overflow the stack.
            Deque<String> path = new ArrayDeque<>();
            Deque<java.util.Iterator<String>> next = new ArrayDeque<>();
            path.push(start);
            next.push(byName.get(start).dependsOn().iterator());
            state.put(start, 1);
            while (!path.isEmpty()) {
                var it = next.peek();
                if (!it.hasNext()) {
                    state.put(path.pop(), 2);
                    next.pop();
                    continue;
                }
                String up = it.next();
                CategoryDefinition upDef = byName.get(up);
                if (upDef == null) {
                    continue;
                }
                Integer s = state.get(up);
                if (s == null) {
                    state.put(up, 1);
                    path.push(up);
                    next.push(upDef.dependsOn().iterator());
                } else if (s == 1) {
                    List<String> cycle = new ArrayList<>();
                    cycle.add(up);
                    for (String c : path) { // path iterates from the top: the most recent first
                        cycle.add(c);
                        if (c.equals(up)) {
                            break;
                        }
                    }
                    // The walk follows "depends on" edges; read the cycle in the direction work flows.
                    return Optional.of(List.copyOf(cycle));
                }
            }
        }
        return Optional.empty();
    }

    public Optional<CategoryDefinition> get(String category) {
        return Optional.ofNullable(byName.get(category));
    }

    /** The definition of {@code category}, or the defaults (no dependencies, MaxConcurrency 10). */
    public CategoryDefinition getOrDefault(String category) {
        CategoryDefinition d = byName.get(category);
        return d != null ? d : CategoryDefinition.of(category, List.of(), CategoryDefinition.DEFAULT_MAX_CONCURRENCY);
    }

    /** The categories that depend directly on {@code category}, in definition order. */
    public List<String> downstreamOf(String category) {
        return downstream.getOrDefault(category, List.of());
    }
}
