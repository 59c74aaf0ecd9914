package dev.switchyard.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks CloudFormation makes only when a stack is created, made before: every {@code Ref}, {@code
 * Fn::GetAtt} and {@code Fn::Sub} variable names something that exists (and a {@code GetAtt} an attribute its
 * resource type has), every condition used is defined and every one defined is used, {@code DependsOn} names
 * resources, and every parameter is used. Each problem names its place in the template.
 */
final class TemplateChecks {
    /** https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/pseudo-parameter-reference.html */
    static final Set<String> PSEUDO_PARAMETERS = Set.of(
            "AWS::AccountId",
            "AWS::NotificationARNs",
            "AWS::NoValue",
            "AWS::Partition",
            "AWS::Region",
            "AWS::StackId",
            "AWS::StackName",
            "AWS::URLSuffix");

    /**
     * The {@code Fn::GetAtt} attributes of the resource types this template uses, from the "Return values"
     * section of each type's page in the CloudFormation template reference. A type missing here is reported
     * when an attribute of it is asked for: add it from its page.
     */
    static final Map<String, Set<String>> ATTRIBUTES = Map.ofEntries(
            Map.entry("AWS::DynamoDB::Table", Set.of("Arn", "StreamArn")),
            Map.entry("AWS::SQS::Queue", Set.of("Arn", "QueueName", "QueueUrl")),
            Map.entry("AWS::SQS::QueuePolicy", Set.of("Id")),
            Map.entry("AWS::IAM::Role", Set.of("Arn", "RoleId")),
            Map.entry("AWS::Logs::LogGroup", Set.of("Arn")),
            Map.entry("AWS::Events::Rule", Set.of("Arn")),
            Map.entry("AWS::StepFunctions::StateMachine", Set.of("Arn", "Name", "StateMachineRevisionId")),
            Map.entry(
                    "AWS::Lambda::Function",
                    Set.of(
                            "Arn",
                            "SnapStartResponse",
                            "SnapStartResponse.ApplyOn",
                            "SnapStartResponse.OptimizationStatus")),
            Map.entry("AWS::Lambda::Version", Set.of("FunctionArn", "Version")),
            Map.entry("AWS::Lambda::Alias", Set.of("AliasArn")),
            Map.entry("AWS::Lambda::EventSourceMapping", Set.of("Id", "EventSourceMappingArn")),
            Map.entry("AWS::Lambda::Permission", Set.of()),
            Map.entry("AWS::Lambda::EventInvokeConfig", Set.of()));

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    private TemplateChecks() {}

    /**
     * Every problem of the template.
     *
     * @param written the template as written (parameters used only by a loop's collection count as used)
     * @param expanded the same after {@link ForEach#expand}, what CloudFormation creates
     */
    static List<Problem> all(Map<String, Object> written, Map<String, Object> expanded) {
        List<Problem> problems = new ArrayList<>(references(expanded));
        problems.addAll(unusedParameters(written));
        return problems;
    }

    /** References, attributes, Sub variables, conditions and DependsOn of an expanded template. */
    static List<Problem> references(Map<String, Object> template) {
        Names names = Names.of(template);
        List<Problem> problems = new ArrayList<>();
        Set<String> conditionsUsed = new LinkedHashSet<>();
        Nodes.walk(template, "", (path, node) -> {
            boolean inConditions = path.startsWith("Conditions.");
            Nodes.function(node, "Ref").ifPresent(target -> ref(path, target, names, inConditions, problems));
            Nodes.function(node, "Fn::GetAtt").ifPresent(value -> getAtt(path, value, names, problems));
            Nodes.function(node, "Fn::Sub").ifPresent(value -> sub(path, value, names, problems));
            Nodes.function(node, "Fn::If").ifPresent(value -> {
                List<Object> args = Nodes.list(value);
                if (args.size() != 3 || !(args.get(0) instanceof String condition)) {
                    problems.add(new Problem(path, "Fn::If takes [condition name, value if true, value if false]"));
                } else {
                    conditionsUsed.add(condition);
                    condition(path + ".Fn::If[0]", condition, names, problems);
                }
            });
            if (inConditions) {
                Nodes.function(node, "Condition")
                        .filter(String.class::isInstance)
                        .ifPresent(condition -> {
                            conditionsUsed.add((String) condition);
                            condition(path, (String) condition, names, problems);
                        });
            }
        });
        for (String section : List.of("Resources", "Outputs")) {
            Nodes.map(template.get(section)).forEach((id, item) -> {
                Object condition = Nodes.map(item).get("Condition");
                if (condition instanceof String name) {
                    conditionsUsed.add(name);
                    condition(section + "." + id + ".Condition", name, names, problems);
                }
            });
        }
        Nodes.map(template.get("Resources")).forEach((id, resource) -> {
            if (!(Nodes.map(resource).get("Type") instanceof String)) {
                problems.add(new Problem("Resources." + id, "has no Type"));
            }
            for (Object target : Nodes.oneOrMany(Nodes.map(resource).get("DependsOn"))) {
                if (!names.resources().containsKey(String.valueOf(target))) {
                    problems.add(new Problem(
                            "Resources." + id + ".DependsOn", "names " + target + ", which is no resource"));
                }
            }
        });
        for (String defined : names.conditions()) {
            if (!conditionsUsed.contains(defined)) {
                problems.add(new Problem("Conditions." + defined, "is defined but never used"));
            }
        }
        return problems;
    }

    /** Parameters that nothing refers to: by Ref, in a Sub string, or as a loop's collection. */
    static List<Problem> unusedParameters(Map<String, Object> written) {
        Set<String> used = new TreeSet<>();
        Nodes.walk(written, "", (path, node) -> {
            Nodes.function(node, "Ref").filter(String.class::isInstance).ifPresent(name -> used.add((String) name));
            Nodes.function(node, "Fn::Sub").ifPresent(value -> used.addAll(variables(subText(value))));
        });
        List<Problem> problems = new ArrayList<>();
        for (String parameter : Nodes.map(written.get("Parameters")).keySet()) {
            if (!used.contains(parameter)) {
                problems.add(new Problem("Parameters." + parameter, "is never used"));
            }
        }
        return problems;
    }

    /** The variables of a Sub string, without {@code ${!Literal}} ones. */
    static List<String> variables(String text) {
        List<String> found = new ArrayList<>();
        if (text == null) {
            return found;
        }
        Matcher matcher = VARIABLE.matcher(text);
        while (matcher.find()) {
            if (!matcher.group(1).startsWith("!")) {
                found.add(matcher.group(1));
            }
        }
        return found;
    }

    private static void ref(String path, Object target, Names names, boolean inConditions, List<Problem> problems) {
        if (!(target instanceof String name)) {
            problems.add(new Problem(path, "Ref takes a name, not " + target));
        } else if (inConditions && !names.parameters().contains(name) && !PSEUDO_PARAMETERS.contains(name)) {
            problems.add(
                    new Problem(path, "Ref to " + name + " in a condition: conditions can refer to parameters only"));
        } else if (!names.parameters().contains(name)
                && !names.resources().containsKey(name)
                && !PSEUDO_PARAMETERS.contains(name)) {
            problems.add(new Problem(path, "Ref to " + name + ", which is no parameter, resource or pseudo parameter"));
        }
    }

    private static void getAtt(String path, Object value, Names names, List<Problem> problems) {
        List<Object> args = Nodes.list(value);
        if (args.size() != 2 || !(args.get(0) instanceof String resource)) {
            problems.add(new Problem(path, "Fn::GetAtt takes [resource, attribute], not " + value));
            return;
        }
        if (args.get(1) instanceof String attribute) {
            attribute(path, resource, attribute, names, problems);
        } else if (!names.resources().containsKey(resource)) {
            problems.add(new Problem(path, "Fn::GetAtt of " + resource + ", which is no resource"));
        }
    }

    private static void sub(String path, Object value, Names names, List<Problem> problems) {
        String text = subText(value);
        if (text == null) {
            problems.add(new Problem(path, "Fn::Sub takes a string or [string, {variables}], not " + value));
            return;
        }
        Set<String> local = value instanceof List<?> list && list.size() == 2
                ? Nodes.map(list.get(1)).keySet()
                : Set.of();
        for (String variable : variables(text)) {
            if (variable.isBlank()) {
                problems.add(new Problem(path, "Fn::Sub has an empty ${}"));
            } else if (local.contains(variable)
                    || PSEUDO_PARAMETERS.contains(variable)
                    || names.parameters().contains(variable)
                    || names.resources().containsKey(variable)) {
                // a variable of the Sub's own map, a pseudo parameter, a parameter or a resource's Ref
            } else if (variable.contains(".") && !variable.startsWith("AWS::")) {
                int dot = variable.indexOf('.');
                attribute(path, variable.substring(0, dot), variable.substring(dot + 1), names, problems);
            } else {
                problems.add(new Problem(
                        path,
                        "Fn::Sub variable ${" + variable + "} is no parameter, resource, pseudo parameter or"
                                + " variable of the Sub"));
            }
        }
    }

    private static String subText(Object value) {
        if (value instanceof String text) {
            return text;
        }
        List<Object> args = Nodes.list(value);
        return args.size() == 2 && args.get(0) instanceof String text && args.get(1) instanceof Map<?, ?> ? text : null;
    }

    private static void attribute(String path, String resource, String attribute, Names names, List<Problem> problems) {
        String type = names.resources().get(resource);
        if (type == null) {
            problems.add(new Problem(path, "attribute " + attribute + " of " + resource + ", which is no resource"));
        } else if (!ATTRIBUTES.containsKey(type)) {
            problems.add(
                    new Problem(
                            path,
                            "attribute " + attribute + " of " + resource + ": the attributes of " + type
                                    + " are not known here; add them to TemplateChecks.ATTRIBUTES from its CloudFormation page"));
        } else if (!ATTRIBUTES.get(type).contains(attribute)) {
            problems.add(new Problem(
                    path,
                    "attribute " + attribute + " of " + resource + ": " + type + " has only "
                            + new TreeSet<>(ATTRIBUTES.get(type))));
        }
    }

    private static void condition(String path, String condition, Names names, List<Problem> problems) {
        if (!names.conditions().contains(condition)) {
            problems.add(new Problem(path, "condition " + condition + " is not defined in Conditions"));
        }
    }

    /** What a template defines: parameters, resources with their types, conditions. */
    private record Names(Set<String> parameters, Map<String, String> resources, Set<String> conditions) {
        static Names of(Map<String, Object> template) {
            Map<String, String> resources = new LinkedHashMap<>();
            Nodes.map(template.get("Resources"))
                    .forEach((id, resource) ->
                            resources.put(id, String.valueOf(Nodes.map(resource).get("Type"))));
            return new Names(
                    Nodes.map(template.get("Parameters")).keySet(),
                    resources,
                    Nodes.map(template.get("Conditions")).keySet());
        }
    }
}
