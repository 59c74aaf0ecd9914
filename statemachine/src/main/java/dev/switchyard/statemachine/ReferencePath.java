package dev.switchyard.statemachine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A Reference Path: {@code $} then fields ({@code .name} or {@code ['name']}) and indexes ({@code [2]}) that name
 * exactly one node. Jayway reads paths but cannot create missing objects, so writing is done here; the writer copies
 * only the objects along the path and leaves the input it was given untouched.
 */
final class ReferencePath {
    private sealed interface Step permits Field, Index {}

    private record Field(String name) implements Step {}

    private record Index(int index) implements Step {}

    private final String text;
    private final List<Step> steps;

    private ReferencePath(String text, List<Step> steps) {
        this.text = text;
        this.steps = List.copyOf(steps);
    }

    static ReferencePath parse(String text) {
        if (text == null || !text.startsWith("$") || text.startsWith("$$")) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a reference path: it must begin with '$' (and not '$$')");
        }
        List<Step> steps = new ArrayList<>();
        int i = 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < text.length() && isNameChar(text.charAt(end))) {
                    end++;
                }
                if (end == i + 1) {
                    throw invalid(text, "a '.' must be followed by a field name");
                }
                steps.add(new Field(text.substring(i + 1, end)));
                i = end;
            } else if (c == '[' && i + 1 < text.length() && (text.charAt(i + 1) == '\'' || text.charAt(i + 1) == '"')) {
                i = quotedField(text, i, steps);
            } else if (c == '[') {
                int close = text.indexOf(']', i);
                String digits = close < 0 ? "" : text.substring(i + 1, close);
                if (!digits.matches("\\d{1,9}")) {
                    throw invalid(
                            text, "only a field or a non-negative index may follow '$' (no '*', ',', ':', '?', '@')");
                }
                steps.add(new Index(Integer.parseInt(digits)));
                i = close + 1;
            } else {
                throw invalid(text, "unexpected '" + c + "' at " + i);
            }
        }
        return new ReferencePath(text, steps);
    }

    private static int quotedField(String text, int open, List<Step> steps) {
        char quote = text.charAt(open + 1);
        StringBuilder name = new StringBuilder();
        int i = open + 2;
        while (i < text.length() && text.charAt(i) != quote) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                c = text.charAt(++i);
            }
            name.append(c);
            i++;
        }
        if (i + 1 >= text.length() || text.charAt(i + 1) != ']') {
            throw invalid(text, "an unclosed ['…']");
        }
        steps.add(new Field(name.toString()));
        return i + 2;
    }

    private static boolean isNameChar(char c) {
        return !Character.isWhitespace(c) && ".[]'\"*@,:?()".indexOf(c) < 0;
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("'" + text + "' is not a reference path: " + why);
    }

    boolean isRoot() {
        return steps.isEmpty();
    }

    /** The input with the value placed at this path, intervening objects created where absent. */
    JsonNode write(JsonNode input, JsonNode value) throws StatesError {
        return write(input, 0, value);
    }

    private JsonNode write(JsonNode node, int depth, JsonNode value) throws StatesError {
        if (depth == steps.size()) {
            return value;
        }
        Step step = steps.get(depth);
        if (step instanceof Field field && node instanceof ObjectNode object) {
            JsonNode child = object.get(field.name());
            if (child == null && depth + 1 < steps.size()) {
                child = Json.NODES.objectNode();
            }
            ObjectNode copy = Json.shallowCopy(object);
            copy.set(field.name(), write(child, depth + 1, value));
            return copy;
        }
        if (step instanceof Index index && node instanceof ArrayNode array && index.index() < array.size()) {
            ArrayNode copy = Json.shallowCopy(array);
            copy.set(index.index(), write(array.get(index.index()), depth + 1, value));
            return copy;
        }
        throw new StatesError(
                StatesError.RESULT_PATH_MATCH_FAILURE,
                "Unable to apply ReferencePath " + text + " to input "
                        + (node == null ? "(nothing)" : Json.abbreviate(node)));
    }

    @Override
    public String toString() {
        return text;
    }
}
