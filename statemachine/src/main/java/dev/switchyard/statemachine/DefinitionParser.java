package dev.switchyard.statemachine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a whole definition up front and collects every problem: structure, transitions that lead nowhere, and every
 * field the local runner does not run as AWS would. Problems name the state by its path, e.g. RunJobs > RunJob.
 */
final class DefinitionParser {
    private static final Set<String> TOP = Set.of("Comment", "StartAt", "States", "Version");
    private static final Set<String> BRANCH = Set.of("Comment", "StartAt", "States");
    private static final Set<String> PROCESSOR = Set.of("Comment", "StartAt", "States", "ProcessorConfig");
    private static final Set<String> COMMON = Set.of("Type", "Comment", "InputPath", "OutputPath");
    private static final Set<String> NEXT = Set.of("Next", "End");
    private static final Set<String> PASS = union(COMMON, NEXT, Set.of("Parameters", "Result", "ResultPath"));
    private static final Set<String> TASK = union(
            COMMON,
            NEXT,
            Set.of(
                    "Resource",
                    "Parameters",
                    "ResultSelector",
                    "ResultPath",
                    "Retry",
                    "Catch",
                    "TimeoutSeconds",
                    "TimeoutSecondsPath"));
    private static final Set<String> CHOICE = union(COMMON, Set.of("Choices", "Default"));
    private static final Set<String> WAIT =
            union(COMMON, NEXT, Set.of("Seconds", "SecondsPath", "Timestamp", "TimestampPath"));
    private static final Set<String> SUCCEED = COMMON;
    private static final Set<String> FAIL = Set.of("Type", "Comment", "Error", "ErrorPath", "Cause", "CausePath");
    private static final Set<String> MAP = union(
            COMMON,
            NEXT,
            Set.of(
                    "ItemsPath",
                    "ItemSelector",
                    "Parameters",
                    "ItemProcessor",
                    "Iterator",
                    "MaxConcurrency",
                    "MaxConcurrencyPath",
                    "ResultSelector",
                    "ResultPath",
                    "Retry",
                    "Catch"));
    private static final Set<String> PARALLEL =
            union(COMMON, NEXT, Set.of("Branches", "Parameters", "ResultSelector", "ResultPath", "Retry", "Catch"));
    private final List<String> problems = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private final Map<String, Set<String>> resources = new LinkedHashMap<>();

    private DefinitionParser() {}

    static Definition parse(JsonNode json) {
        DefinitionParser parser = new DefinitionParser();
        Scope root = parser.scope(json, "", "state machine", TOP);
        if (!parser.problems.isEmpty()) {
            throw new DefinitionException(parser.problems);
        }
        return new Definition(root, parser.resources);
    }

    private Scope scope(JsonNode json, String prefix, String where, Set<String> allowed) {
        try {
            Fields fields = new Fields(json, where);
            fields.allowOnly(allowed, "a " + where);
            String startAt = fields.requiredString("StartAt");
            JsonNode states = fields.get("States");
            if (states == null || !states.isObject() || states.isEmpty()) {
                throw fields.invalid("States", "must be a JSON object with at least one state");
            }
            if (!states.has(startAt)) {
                problems.add(where + ": StartAt " + startAt + " names no state of " + where);
            }
            Map<String, State> parsed = new LinkedHashMap<>();
            boolean complete = true;
            for (Map.Entry<String, JsonNode> entry : states.properties()) {
                String name = entry.getKey();
                String path = prefix + name;
                checkName(name, path);
                try {
                    parsed.put(name, state(name, path, entry.getValue()));
                } catch (Fields.Invalid e) {
                    problems.addAll(e.problems());
                    complete = false;
                }
            }
            checkTransitions(parsed, states, where);
            if (complete && states.has(startAt)) {
                checkReachable(startAt, parsed, where);
            }
            return new Scope(startAt, parsed);
        } catch (Fields.Invalid e) {
            problems.addAll(e.problems());
            return null;
        }
    }

    private void checkName(String name, String path) {
        if (name.length() > 128) {
            problems.add(path + ": a state name has at most 128 characters");
        }
        if (!names.add(name)) {
            problems.add(
                    path + ": another state is named " + name + "; names must be unique in the whole state machine");
        }
    }

    private void checkTransitions(Map<String, State> parsed, JsonNode states, String where) {
        parsed.values()
                .forEach(state -> targets(state).forEach(target -> {
                    if (!states.has(target)) {
                        problems.add(state.path() + ": the transition to " + target + " names no state of " + where);
                    }
                }));
    }

    /** AWS refuses a definition with a state that no transition reaches. */
    private void checkReachable(String startAt, Map<String, State> parsed, String where) {
        Set<String> reached = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>(List.of(startAt));
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (reached.add(name) && parsed.containsKey(name)) {
                pending.addAll(targets(parsed.get(name)));
            }
        }
        parsed.values().stream()
                .filter(state -> !reached.contains(state.name()))
                .forEach(state -> problems.add(state.path() + ": no transition of " + where + " reaches this state"));
    }

    private static List<String> targets(State state) {
        List<String> targets = new ArrayList<>();
        switch (state) {
            case State.Pass s -> targets.add(s.next());
            case State.Task s -> {
                targets.add(s.next());
                s.errors().catchers().forEach(c -> targets.add(c.next()));
            }
            case State.Choice s -> {
                s.choices().forEach(b -> targets.add(b.next()));
                targets.add(s.defaultNext());
            }
            case State.Wait s -> targets.add(s.next());
            case State.Map s -> {
                targets.add(s.next());
                s.errors().catchers().forEach(c -> targets.add(c.next()));
            }
            case State.Parallel s -> {
                targets.add(s.next());
                s.errors().catchers().forEach(c -> targets.add(c.next()));
            }
            case State.Succeed s -> {}
            case State.Fail s -> {}
        }
        targets.removeIf(t -> t == null);
        return targets;
    }

    private State state(String name, String path, JsonNode json) {
        Fields f = new Fields(json, path);
        String type = f.requiredString("Type");
        return switch (type) {
            case "Pass" -> pass(f, name, path);
            case "Task" -> task(f, name, path);
            case "Choice" -> choice(f, name, path);
            case "Wait" -> waitState(f, name, path);
            case "Succeed" -> {
                f.allowOnly(SUCCEED, "a Succeed state");
                yield new State.Succeed(name, path, f.io());
            }
            case "Fail" -> fail(f, name, path);
            case "Map" -> map(f, name, path);
            case "Parallel" -> parallel(f, name, path);
            default -> throw f.invalid("Type", type + " is not a state type of the Amazon States Language");
        };
    }

    private State pass(Fields f, String name, String path) {
        f.allowOnly(PASS, "a Pass state");
        return new State.Pass(
                name, path, f.io(), f.template("Parameters"), f.get("Result"), f.resultPath("ResultPath"), f.next());
    }

    private State task(Fields f, String name, String path) {
        f.allowOnly(TASK, "a Task state");
        f.atMostOne("TimeoutSeconds", "TimeoutSecondsPath");
        String resource = f.requiredString("Resource");
        resources.computeIfAbsent(resource, r -> new LinkedHashSet<>()).add(path);
        return new State.Task(
                name,
                path,
                f.io(),
                resource,
                f.template("Parameters"),
                f.template("ResultSelector"),
                f.resultPath("ResultPath"),
                ErrorHandlers.parse(f),
                f.integer("TimeoutSeconds", 1, ErrorHandlers.MAX_RETRY_VALUE),
                f.path("TimeoutSecondsPath"),
                f.next());
    }

    private State choice(Fields f, String name, String path) {
        f.allowOnly(CHOICE, "a Choice state");
        JsonNode choices = f.get("Choices");
        if (choices == null || !choices.isArray() || choices.isEmpty()) {
            throw f.invalid("Choices", "must be a non-empty array of Choice Rules");
        }
        List<State.Branch> branches = new ArrayList<>();
        for (int i = 0; i < choices.size(); i++) {
            Fields rule = new Fields(choices.get(i), path + " Choices[" + i + "]");
            branches.add(new State.Branch(ChoiceRules.parse(rule, true), rule.requiredString("Next")));
        }
        return new State.Choice(name, path, f.io(), branches, f.string("Default"));
    }

    private State waitState(Fields f, String name, String path) {
        f.allowOnly(WAIT, "a Wait state");
        f.atMostOne("Seconds", "SecondsPath", "Timestamp", "TimestampPath");
        State.WaitFor waitFor;
        if (f.has("Seconds")) {
            waitFor = new State.WaitFor.Seconds(f.integer("Seconds", 0, ErrorHandlers.MAX_RETRY_VALUE));
        } else if (f.has("SecondsPath")) {
            waitFor = new State.WaitFor.SecondsPath(f.path("SecondsPath"));
        } else if (f.has("Timestamp")) {
            Instant instant = Timestamps.parse(f.string("Timestamp"));
            if (instant == null) {
                throw f.invalid("Timestamp", "must be an RFC 3339 timestamp such as 2016-03-14T01:59:00Z");
            }
            waitFor = new State.WaitFor.Timestamp(instant);
        } else if (f.has("TimestampPath")) {
            waitFor = new State.WaitFor.TimestampPath(f.path("TimestampPath"));
        } else {
            throw f.invalid("needs one of Seconds, SecondsPath, Timestamp and TimestampPath");
        }
        return new State.Wait(name, path, f.io(), waitFor, f.next());
    }

    private State fail(Fields f, String name, String path) {
        f.allowOnly(FAIL, "a Fail state");
        f.atMostOne("Error", "ErrorPath");
        f.atMostOne("Cause", "CausePath");
        return new State.Fail(name, path, text(f, "Error"), text(f, "Cause"));
    }

    /** Error or Cause as text, or ErrorPath or CausePath as a path or an intrinsic function. */
    private static StringSource text(Fields f, String field) {
        if (f.has(field)) {
            return new StringSource.Fixed(f.string(field));
        }
        String dynamic = f.string(field + "Path");
        if (dynamic == null) {
            return null;
        }
        try {
            if (dynamic.startsWith("States.")) {
                return new StringSource.FromIntrinsic(Intrinsic.parse(dynamic));
            }
            return new StringSource.FromPath(JsonPathExpr.parse(dynamic));
        } catch (IllegalArgumentException e) {
            throw f.invalid(field + "Path", e.getMessage());
        }
    }

    private State map(Fields f, String name, String path) {
        f.allowOnly(MAP, "a Map state");
        f.atMostOne("ItemProcessor", "Iterator");
        f.atMostOne("ItemSelector", "Parameters");
        f.atMostOne("MaxConcurrency", "MaxConcurrencyPath");
        String processorField = f.has("Iterator") ? "Iterator" : "ItemProcessor";
        if (!f.has(processorField)) {
            throw f.invalid("needs ItemProcessor");
        }
        JsonNode processorJson = f.get(processorField);
        checkProcessorConfig(f, processorJson);
        JsonPathExpr itemsPath = f.has("ItemsPath") ? f.path("ItemsPath") : JsonPathExpr.ROOT;
        PayloadTemplate selector = f.template(f.has("Parameters") ? "Parameters" : "ItemSelector");
        Integer maxConcurrency = f.integer("MaxConcurrency", 0, Integer.MAX_VALUE);
        JsonPathExpr maxConcurrencyPath = f.path("MaxConcurrencyPath");
        PayloadTemplate resultSelector = f.template("ResultSelector");
        ResultPath resultPath = f.resultPath("ResultPath");
        ErrorHandling errors = ErrorHandlers.parse(f);
        String next = f.next();
        Scope processor =
                scope(processorJson, path + " > ", path + " " + processorField, f.has("Iterator") ? BRANCH : PROCESSOR);
        return new State.Map(
                name,
                path,
                f.io(),
                itemsPath,
                selector,
                processor,
                maxConcurrency == null ? 0 : maxConcurrency,
                maxConcurrencyPath,
                resultSelector,
                resultPath,
                errors,
                next);
    }

    /** Only the inline mode runs locally; a Distributed Map reads and writes S3 and starts child executions. */
    private static void checkProcessorConfig(Fields f, JsonNode processor) {
        JsonNode config = processor.get("ProcessorConfig");
        if (config == null) {
            return;
        }
        Fields c = new Fields(config, f.where() + " ItemProcessor.ProcessorConfig");
        c.allowOnly(Set.of("Mode"), "a ProcessorConfig");
        String mode = c.string("Mode");
        if (mode != null && !mode.equals("INLINE")) {
            throw c.invalid("field Mode " + mode + " is not supported by the local runner, which runs INLINE only");
        }
    }

    private State parallel(Fields f, String name, String path) {
        f.allowOnly(PARALLEL, "a Parallel state");
        JsonNode branches = f.get("Branches");
        if (branches == null || !branches.isArray() || branches.isEmpty()) {
            throw f.invalid("Branches", "must be a non-empty array");
        }
        PayloadTemplate parameters = f.template("Parameters");
        PayloadTemplate resultSelector = f.template("ResultSelector");
        ResultPath resultPath = f.resultPath("ResultPath");
        ErrorHandling errors = ErrorHandlers.parse(f);
        String next = f.next();
        List<Scope> scopes = new ArrayList<>();
        for (int i = 0; i < branches.size(); i++) {
            scopes.add(scope(branches.get(i), path + " > ", path + " Branches[" + i + "]", BRANCH));
        }
        return new State.Parallel(name, path, f.io(), parameters, scopes, resultSelector, resultPath, errors, next);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> union = new HashSet<>(a);
        union.addAll(b);
        return Set.copyOf(union);
    }

    private static Set<String> union(Set<String> a, Set<String> b, Set<String> c) {
        return union(union(a, b), c);
    }
}
