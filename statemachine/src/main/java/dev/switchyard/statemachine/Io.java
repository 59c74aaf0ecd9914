package dev.switchyard.statemachine;

import com.fasterxml.jackson.databind.JsonNode;

/** A state's InputPath and OutputPath. */
record Io(FilterPath inputPath, FilterPath outputPath) {
    static final Io DEFAULT = new Io(FilterPath.ALL, FilterPath.ALL);

    JsonNode input(JsonNode raw, JsonNode context) throws StatesError {
        return inputPath.apply(raw, context, "InputPath");
    }

    JsonNode output(JsonNode data, JsonNode context) throws StatesError {
        return outputPath.apply(data, context, "OutputPath");
    }
}
