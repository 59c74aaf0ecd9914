package dev.switchyard.infra;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Expands {@code Fn::ForEach} as the {@code AWS::LanguageExtensions} transform does, for the checks that need
 * the resources CloudFormation will create: each {@code "Fn::ForEach::Loop": [Identifier, Collection,
 * {OutputKey: OutputValue}]} becomes one copy of the fragment per item, with {@code ${Identifier}} replaced by
 * the item and {@code &{Identifier}} by the item without its non-alphanumeric characters, and {@code {"Ref":
 * "Identifier"}} by the item
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-foreach.html).
 * A collection that is a {@code Ref} to a {@code CommaDelimitedList} parameter takes the value given for it,
 * else the parameter's default.
 */
final class ForEach {
    private static final String PREFIX = "Fn::ForEach::";

    private ForEach() {}

    /** The template with every loop expanded; the template given is not changed. */
    static Map<String, Object> expand(Map<String, Object> template, Map<String, String> parameterValues) {
        Map<String, Object> parameters = Nodes.map(template.get("Parameters"));
        return Nodes.map(expand(Nodes.copy(template), "", parameters, parameterValues));
    }

    private static Object expand(
            Object node, String path, Map<String, Object> parameters, Map<String, String> parameterValues) {
        if (node instanceof List<?> list) {
            List<Object> expanded = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                expanded.add(expand(list.get(i), path + "[" + i + "]", parameters, parameterValues));
            }
            return expanded;
        }
        if (!(node instanceof Map<?, ?>)) {
            return node;
        }
        Map<String, Object> expanded = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : Nodes.map(node).entrySet()) {
            String key = entry.getKey();
            String where = path.isEmpty() ? key : path + "." + key;
            if (!key.startsWith(PREFIX)) {
                expanded.put(key, expand(entry.getValue(), where, parameters, parameterValues));
                continue;
            }
            List<Object> loop = Nodes.list(entry.getValue());
            if (loop.size() != 3
                    || !(loop.get(0) instanceof String identifier)
                    || !(loop.get(2) instanceof Map<?, ?>)) {
                throw new IllegalArgumentException(
                        where + ": expected [Identifier, Collection, {OutputKey: OutputValue}]");
            }
            for (String outputKey : Nodes.map(loop.get(2)).keySet()) {
                if (!outputKey.contains("${" + identifier + "}") && !outputKey.contains("&{" + identifier + "}")) {
                    throw new IllegalArgumentException(where + ": the OutputKey " + outputKey + " uses neither ${"
                            + identifier + "} nor &{" + identifier + "}, so every item would make the same key");
                }
            }
            for (String item : collection(loop.get(1), where, parameters, parameterValues)) {
                Map<String, Object> copy = Nodes.map(replace(loop.get(2), identifier, item));
                Map<String, Object> inner = Nodes.map(expand(copy, where, parameters, parameterValues));
                for (Map.Entry<String, Object> generated : inner.entrySet()) {
                    if (expanded.containsKey(generated.getKey())
                            || Nodes.map(node).containsKey(generated.getKey())) {
                        throw new IllegalArgumentException(
                                where + ": generates " + generated.getKey() + ", which exists already");
                    }
                    expanded.put(generated.getKey(), generated.getValue());
                }
            }
        }
        return expanded;
    }

    private static List<String> collection(
            Object collection, String where, Map<String, Object> parameters, Map<String, String> parameterValues) {
        if (collection instanceof List<?> items) {
            return items.stream().map(String::valueOf).toList();
        }
        String name = Nodes.function(collection, "Ref")
                .filter(String.class::isInstance)
                .map(String.class::cast)
                .orElseThrow(() -> new IllegalArgumentException(
                        where + ": the collection must be a list or a Ref to a CommaDelimitedList parameter"));
        Map<String, Object> parameter = Nodes.map(parameters.get(name));
        if (!"CommaDelimitedList".equals(parameter.get("Type"))) {
            throw new IllegalArgumentException(
                    where + ": the collection " + name + " is no CommaDelimitedList parameter");
        }
        String value = parameterValues.getOrDefault(name, String.valueOf(parameter.getOrDefault("Default", "")));
        return Arrays.stream(value.split(",", -1)).map(String::strip).toList();
    }

    private static Object replace(Object node, String identifier, String item) {
        if (node instanceof String text) {
            return replaceIn(text, identifier, item);
        }
        if (Nodes.function(node, "Ref").filter(identifier::equals).isPresent()) {
            return item;
        }
        if (node instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(value -> copy.add(replace(value, identifier, item)));
            return copy;
        }
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, value) ->
                    copy.put(replaceIn((String) key, identifier, item), replace(value, identifier, item)));
            return copy;
        }
        return node;
    }

    private static String replaceIn(String text, String identifier, String item) {
        return text.replace("${" + identifier + "}", item)
                .replace("&{" + identifier + "}", item.replaceAll("[^A-Za-z0-9]", ""));
    }
}
