package dev.switchyard.statemachine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A state machine definition in the Amazon States Language (JSONPath), checked as a whole when it is read: every
 * transition leads to a state of its scope, and every state and field is one the local runner runs as AWS would.
 */
public final class Definition {
    private final Scope root;
    private final Map<String, List<String>> resources;

    Definition(Scope root, Map<String, ? extends Set<String>> resources) {
        this.root = Objects.requireNonNull(root, "root");
        Map<String, List<String>> copy = new LinkedHashMap<>();
        resources.forEach((resource, states) -> copy.put(resource, List.copyOf(states)));
        this.resources = Collections.unmodifiableMap(copy);
    }

    /**
     * Reads a definition, first replacing each {@code ${Name}} in its string values by the substitution of that name,
     * as CloudFormation's DefinitionSubstitutions do.
     *
     * @throws DefinitionException listing every problem, each naming the state (e.g. {@code RunJobs > RunJob}) and
     *     the field
     */
    public static Definition parse(JsonNode json, Map<String, String> substitutions) {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(substitutions, "substitutions");
        return DefinitionParser.parse(Substitutions.apply(json, substitutions));
    }

    /** Reads a definition file; see {@link #parse}. */
    public static Definition read(Path file, Map<String, String> substitutions) throws IOException {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new DefinitionException(file + " is not JSON: " + e.getOriginalMessage());
        }
        return parse(json, substitutions);
    }

    /** Every Task Resource after substitution, so a caller can check its bindings before it runs anything. */
    public Set<String> resources() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(resources.keySet()));
    }

    /** The paths of the Task states that use the resource. */
    List<String> statesUsing(String resource) {
        return resources.getOrDefault(resource, List.of());
    }

    Scope root() {
        return root;
    }
}
