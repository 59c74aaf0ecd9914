package dev.switchyard.statemachine;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.JsonPathException;

/**
 * A Path as ASL uses it: {@code $…} on the data, {@code $$…} on the Context Object, evaluated by Jayway over Jackson
 * trees. A path that can match several nodes (wildcard, slice, filter, union) yields an array of them.
 */
record JsonPathExpr(String text, boolean onContext, JsonPath compiled) {
    static final JsonPathExpr ROOT = parse("$");

    static JsonPathExpr parse(String text) {
        if (text == null || !text.startsWith("$")) {
            throw new IllegalArgumentException("'" + text + "' is not a path: a path begins with '$'");
        }
        boolean onContext = text.startsWith("$$");
        String jsonPath = onContext ? text.substring(1) : text;
        // Step Functions has no JSONPath functions such as length(); Jayway would accept them.
        if (jsonPath.strip().endsWith(")")) {
            throw new IllegalArgumentException(
                    "'" + text + "' calls a JSONPath function, which Step Functions does not support");
        }
        try {
            return new JsonPathExpr(text, onContext, JsonPath.compile(jsonPath));
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("'" + text + "' is not a valid JSONPath: " + e.getMessage(), e);
        }
    }

    /** True when the path can match at most one node, so its result is that node and not an array. */
    boolean definite() {
        return compiled.isDefinite();
    }

    boolean isRoot() {
        return !onContext && text.equals("$");
    }

    /** The selected value, or null (not a JSON null) when a single-node path selects nothing. */
    JsonNode select(JsonNode data, JsonNode context) {
        JsonNode target = onContext ? context : data;
        if (text.equals("$") || text.equals("$$")) {
            return target;
        }
        try {
            return Json.toNode(compiled.read(target, Json.PATHS));
        } catch (JsonPathException e) {
            return definite() ? null : Json.NODES.arrayNode();
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
