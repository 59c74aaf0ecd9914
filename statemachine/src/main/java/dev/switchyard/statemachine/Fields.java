package dev.switchyard.statemachine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** One JSON object of a definition being read: typed access to its fields, with problems that say where they are. */
final class Fields {
    /**
     * Fields of the Amazon States Language this runner refuses rather than ignores: ignoring them would run the
     * definition differently from AWS.
     */
    private static final Set<String> NOT_SUPPORTED = Set.of(
            "HeartbeatSeconds",
            "HeartbeatSecondsPath",
            "Credentials",
            "ItemReader",
            "ResultWriter",
            "ItemBatcher",
            "ToleratedFailurePercentage",
            "ToleratedFailurePercentagePath",
            "ToleratedFailureCount",
            "ToleratedFailureCountPath",
            "Label",
            "Arguments",
            "Output",
            "Assign",
            "Items",
            "Condition",
            "TimeoutSeconds",
            "ExecutionType");

    /** Raised while reading; the parser collects the problems and goes on with the next state. */
    static final class Invalid extends RuntimeException {
        private final List<String> problems;

        Invalid(List<String> problems) {
            super(String.join("; ", problems), null, false, false);
            this.problems = List.copyOf(problems);
        }

        List<String> problems() {
            return problems;
        }
    }

    private final ObjectNode node;
    private final String where;

    Fields(JsonNode node, String where) {
        if (!(node instanceof ObjectNode object)) {
            throw new Invalid(List.of(where + ": must be a JSON object"));
        }
        this.node = object;
        this.where = where;
    }

    /** Fails on every field not in allowed, telling a field the runner does not support from an unknown one. */
    void allowOnly(Set<String> allowed, String kind) {
        List<String> problems = new ArrayList<>();
        for (String name : names()) {
            if (allowed.contains(name)) {
                continue;
            }
            if (name.equals("QueryLanguage")) {
                JsonNode value = node.get(name);
                if (!value.isTextual() || !value.textValue().equals("JSONPath")) {
                    problems.add(where + ": field QueryLanguage " + value
                            + " is not supported by the local runner, which runs JSONPath only");
                }
            } else if (NOT_SUPPORTED.contains(name)) {
                problems.add(where + ": field " + name + " is not supported by the local runner");
            } else {
                problems.add(where + ": unknown field " + name + " in " + kind);
            }
        }
        if (!problems.isEmpty()) {
            throw new Invalid(problems);
        }
    }

    String where() {
        return where;
    }

    List<String> names() {
        return node.properties().stream().map(java.util.Map.Entry::getKey).toList();
    }

    boolean has(String name) {
        return node.has(name);
    }

    JsonNode get(String name) {
        return node.get(name);
    }

    Invalid invalid(String why) {
        return new Invalid(List.of(where + ": " + why));
    }

    Invalid invalid(String field, String why) {
        return invalid("field " + field + " " + why);
    }

    String string(String name) {
        JsonNode value = node.get(name);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw invalid(name, "must be a string");
        }
        return value.textValue();
    }

    String requiredString(String name) {
        String value = string(name);
        if (value == null) {
            throw invalid(name, "is required");
        }
        return value;
    }

    Integer integer(String name, long min, long max) {
        JsonNode value = node.get(name);
        if (value == null) {
            return null;
        }
        if (!value.canConvertToExactIntegral() || value.asLong() < min || value.asLong() > max) {
            throw invalid(name, "must be an integer from " + min + " to " + max);
        }
        return value.intValue();
    }

    /** Fails when more than one of the fields is present. */
    void atMostOne(String... names) {
        List<String> present = List.of(names).stream().filter(node::has).toList();
        if (present.size() > 1) {
            throw invalid("fields " + String.join(" and ", present) + " may not both be given");
        }
    }

    JsonPathExpr path(String name) {
        String text = string(name);
        if (text == null) {
            return null;
        }
        try {
            return JsonPathExpr.parse(text);
        } catch (IllegalArgumentException e) {
            throw invalid(name, e.getMessage());
        }
    }

    /** InputPath or OutputPath: absent means $, JSON null means {}. */
    FilterPath filterPath(String name) {
        if (!node.has(name)) {
            return FilterPath.ALL;
        }
        if (node.get(name).isNull()) {
            return FilterPath.EMPTY;
        }
        return new FilterPath(path(name));
    }

    Io io() {
        return new Io(filterPath("InputPath"), filterPath("OutputPath"));
    }

    /** Absent means $ (replace the input), JSON null means discard the result. */
    ResultPath resultPath(String name) {
        if (!node.has(name)) {
            return ResultPath.REPLACE;
        }
        if (node.get(name).isNull()) {
            return ResultPath.DISCARD;
        }
        try {
            return ResultPath.of(string(name));
        } catch (IllegalArgumentException e) {
            throw invalid(name, e.getMessage());
        }
    }

    PayloadTemplate template(String name) {
        JsonNode value = node.get(name);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            throw invalid(name, "must be a JSON object");
        }
        try {
            return PayloadTemplate.parse(value);
        } catch (IllegalArgumentException e) {
            throw invalid(name, e.getMessage());
        }
    }

    /** Next, or null for End: true; exactly one of the two. */
    String next() {
        atMostOne("Next", "End");
        if (node.has("End")) {
            if (!node.get("End").isBoolean() || !node.get("End").booleanValue()) {
                throw invalid("End", "must be true (or give Next instead)");
            }
            return null;
        }
        if (!node.has("Next")) {
            throw invalid("needs Next or End");
        }
        return requiredString("Next");
    }

    List<String> errorEquals() {
        JsonNode value = node.get("ErrorEquals");
        if (value == null || !value.isArray() || value.isEmpty()) {
            throw invalid("ErrorEquals", "must be a non-empty array of error names");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode name : value) {
            if (!name.isTextual()) {
                throw invalid("ErrorEquals", "must hold strings only");
            }
            names.add(name.textValue());
        }
        if (names.contains(StatesError.ALL) && names.size() > 1) {
            throw invalid("ErrorEquals", "must hold States.ALL alone");
        }
        return names;
    }
}
