package dev.switchyard.statemachine;

import com.fasterxml.jackson.databind.JsonNode;

/** An InputPath or OutputPath: a Path selecting part of the data, or JSON null, which gives {@code {}}. */
record FilterPath(JsonPathExpr path) {
    static final FilterPath ALL = new FilterPath(JsonPathExpr.ROOT);
    static final FilterPath EMPTY = new FilterPath(null);

    /** States.Runtime when the path selects nothing: AWS fails the execution, no Catch applies. */
    JsonNode apply(JsonNode data, JsonNode context, String field) throws StatesError {
        if (path == null) {
            return Json.NODES.objectNode();
        }
        JsonNode selected = path.select(data, context);
        if (selected == null) {
            throw StatesError.runtime("Invalid path '" + path + "' for " + field + ": it selects nothing in "
                    + Json.abbreviate(path.onContext() ? context : data));
        }
        return selected;
    }
}
