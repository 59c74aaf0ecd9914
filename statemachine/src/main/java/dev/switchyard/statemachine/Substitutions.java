package dev.switchyard.statemachine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Replaces {@code ${Name}} in every string value, as CloudFormation's DefinitionSubstitutions do. */
final class Substitutions {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

    private Substitutions() {}

    /** A substituted copy; a placeholder without a value is a DefinitionException naming where it is. */
    static JsonNode apply(JsonNode definition, Map<String, String> values) {
        List<String> missing = new ArrayList<>();
        JsonNode result = apply(definition, values, "", missing);
        if (!missing.isEmpty()) {
            throw new DefinitionException(missing);
        }
        return result;
    }

    private static JsonNode apply(JsonNode node, Map<String, String> values, String pointer, List<String> missing) {
        if (node instanceof ObjectNode object) {
            ObjectNode copy = Json.NODES.objectNode();
            object.properties()
                    .forEach(e ->
                            copy.set(e.getKey(), apply(e.getValue(), values, pointer + "/" + e.getKey(), missing)));
            return copy;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = Json.NODES.arrayNode(array.size());
            for (int i = 0; i < array.size(); i++) {
                copy.add(apply(array.get(i), values, pointer + "/" + i, missing));
            }
            return copy;
        }
        if (node.isTextual() && node.textValue().contains("${")) {
            Matcher matcher = PLACEHOLDER.matcher(node.textValue());
            StringBuilder text = new StringBuilder();
            while (matcher.find()) {
                String value = values.get(matcher.group(1));
                if (value == null) {
                    missing.add(pointer + ": ${" + matcher.group(1) + "} has no value in the substitutions");
                    value = matcher.group();
                }
                matcher.appendReplacement(text, Matcher.quoteReplacement(value));
            }
            matcher.appendTail(text);
            return TextNode.valueOf(text.toString());
        }
        return node;
    }
}
