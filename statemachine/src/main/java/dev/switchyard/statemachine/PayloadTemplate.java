package dev.switchyard.statemachine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Payload Template (Parameters, ItemSelector, ResultSelector): fields whose names end in {@code .$} take a Path's
 * value or an intrinsic function's result, at any depth, and lose the suffix; everything else is copied as it is.
 */
sealed interface PayloadTemplate {
    JsonNode render(Eval eval) throws StatesError;

    /** Reads a template once, when the definition is read; an invalid one is an IllegalArgumentException. */
    static PayloadTemplate parse(JsonNode node) {
        if (!isDynamic(node)) {
            return new Fixed(node);
        }
        if (node.isArray()) {
            List<PayloadTemplate> items = new ArrayList<>();
            node.forEach(item -> items.add(parse(item)));
            return new Items(items);
        }
        List<Field> fields = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String key = entry.getKey();
            boolean dynamic = key.endsWith(".$");
            String name = dynamic ? key.substring(0, key.length() - 2) : key;
            if (!names.add(name)) {
                throw new IllegalArgumentException("two fields are named '" + name + "' once '.$' is removed");
            }
            fields.add(new Field(name, dynamic ? dynamic(key, entry.getValue()) : parse(entry.getValue())));
        }
        return new Fields(fields);
    }

    private static PayloadTemplate dynamic(String key, JsonNode value) {
        if (!value.isTextual()) {
            throw new IllegalArgumentException("field '" + key + "' must be a string: a path or an intrinsic function");
        }
        String text = value.textValue();
        try {
            if (text.startsWith("$")) {
                return new FromPath(key, JsonPathExpr.parse(text));
            }
            if (text.startsWith("States.")) {
                return new FromIntrinsic(key, Intrinsic.parse(text));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field '" + key + "': " + e.getMessage(), e);
        }
        throw new IllegalArgumentException(
                "field '" + key + "' must be a path ('$…', '$$…') or an intrinsic function ('States.…'): " + text);
    }

    private static boolean isDynamic(JsonNode node) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                if (entry.getKey().endsWith(".$") || isDynamic(entry.getValue())) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode item : node) {
                if (isDynamic(item)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A part without {@code .$} fields; shared between renders, which is safe because no state changes a node. */
    record Fixed(JsonNode value) implements PayloadTemplate {
        @Override
        public JsonNode render(Eval eval) {
            return value;
        }
    }

    record Field(String name, PayloadTemplate value) {}

    record Fields(List<Field> fields) implements PayloadTemplate {
        @Override
        public JsonNode render(Eval eval) throws StatesError {
            ObjectNode object = Json.NODES.objectNode();
            for (Field field : fields) {
                object.set(field.name(), field.value().render(eval));
            }
            return object;
        }
    }

    record Items(List<PayloadTemplate> items) implements PayloadTemplate {
        @Override
        public JsonNode render(Eval eval) throws StatesError {
            ArrayNode array = Json.NODES.arrayNode(items.size());
            for (PayloadTemplate item : items) {
                array.add(item.render(eval));
            }
            return array;
        }
    }

    record FromPath(String key, JsonPathExpr path) implements PayloadTemplate {
        @Override
        public JsonNode render(Eval eval) throws StatesError {
            JsonNode value = path.select(eval.input(), eval.context());
            if (value == null) {
                // The ASL specification names this States.ParameterPathFailure, but Step Functions fails the
                // whole execution with States.Runtime and this cause, which no Catch can intercept (as Step
                // Functions Local and the emulators that compare against AWS do); so does the local runner.
                JsonNode searched = path.onContext() ? eval.context() : eval.input();
                throw StatesError.runtime(
                        "The JSONPath '" + path + "' specified for the field '" + key + "' could not be found in the "
                                + (path.onContext() ? "Context Object" : "input") + " '" + Json.abbreviate(searched)
                                + "'");
            }
            return value;
        }
    }

    record FromIntrinsic(String key, Intrinsic.Call call) implements PayloadTemplate {
        @Override
        public JsonNode render(Eval eval) throws StatesError {
            return IntrinsicFunctions.evaluate(call, eval);
        }
    }
}
