package dev.switchyard.statemachine;

import com.fasterxml.jackson.databind.JsonNode;

/** Where a state's result goes in its raw input: replacing it ($), nowhere (null), or at a Reference Path. */
record ResultPath(ReferencePath at) {
    static final ResultPath REPLACE = new ResultPath(ReferencePath.parse("$"));
    static final ResultPath DISCARD = new ResultPath(null);

    static ResultPath of(String text) {
        ReferencePath at = ReferencePath.parse(text);
        return at.isRoot() ? REPLACE : new ResultPath(at);
    }

    JsonNode apply(JsonNode rawInput, JsonNode result) throws StatesError {
        return at == null ? rawInput : at.write(rawInput, result);
    }
}
