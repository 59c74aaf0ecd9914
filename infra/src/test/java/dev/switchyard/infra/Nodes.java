package dev.switchyard.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reading the parsed template's maps and lists without a cast at every step. */
final class Nodes {
    private Nodes() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node) {
        return node instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node) {
        return node instanceof List<?> list ? (List<Object>) list : List.of();
    }

    /** A list, or a single value as a list of one (IAM's Action and Resource, DependsOn). */
    static List<Object> oneOrMany(Object node) {
        if (node == null) {
            return List.of();
        }
        return node instanceof List<?> ? list(node) : List.of(node);
    }

    /** The value at a path of map keys, if every step exists. */
    static Optional<Object> at(Object node, String... keys) {
        Object current = node;
        for (String key : keys) {
            if (!(current instanceof Map<?, ?> map) || !map.containsKey(key)) {
                return Optional.empty();
            }
            current = map.get(key);
        }
        return Optional.ofNullable(current);
    }

    /** A single-key map: an intrinsic function such as {@code {"Ref": "X"}}, by its name. */
    static Optional<Object> function(Object node, String name) {
        if (node instanceof Map<?, ?> map && map.size() == 1 && map.containsKey(name)) {
            return Optional.ofNullable(map.get(name));
        }
        return Optional.empty();
    }

    /** The template's resources of one type, by logical id. */
    static Map<String, Map<String, Object>> resources(Map<String, Object> template, String type) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        map(template.get("Resources")).forEach((id, resource) -> {
            if (type.equals(map(resource).get("Type"))) {
                found.put(id, map(resource));
            }
        });
        return found;
    }

    /** A deep copy, so a test can change a template without touching another test's. */
    static Object copy(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, value) -> copy.put((String) key, copy(value)));
            return copy;
        }
        if (node instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(value -> copy.add(copy(value)));
            return copy;
        }
        return node;
    }

    /** Calls the visitor on every node under {@code node}, with its path. */
    static void walk(Object node, String path, Visitor visitor) {
        visitor.visit(path, node);
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> walk(value, path.isEmpty() ? (String) key : path + "." + key, visitor));
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path + "[" + i + "]", visitor);
            }
        }
    }

    /** What {@link #walk} calls. */
    @FunctionalInterface
    interface Visitor {
        void visit(String path, Object node);
    }
}
