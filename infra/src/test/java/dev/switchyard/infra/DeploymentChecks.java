package dev.switchyard.infra;

import dev.switchyard.reactor.store.TableSchema;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the template must agree on with the code and with the way Switchyard is meant to run: the tables'
 * shape, the handlers, the environment, least-privilege roles and bounded retries. Each check returns the
 * problems it finds, so that a test can show it failing on a template changed for the purpose.
 */
final class DeploymentChecks {
    private DeploymentChecks() {}

    // ---------------------------------------------------------------- tables

    /**
     * The table resource creates what {@code DynamoTables.createTableRequest} creates for the schema (key,
     * attribute definitions, indexes projecting everything, the stream, on-demand capacity) with the schema's
     * time to live, and is kept safe as a deployed table should be (point-in-time recovery, encryption,
     * retained on stack deletion and replacement).
     */
    static List<Problem> table(Map<String, Object> template, String logicalId, TableSchema schema) {
        String path = "Resources." + logicalId;
        Map<String, Object> resource =
                Nodes.map(Nodes.map(template.get("Resources")).get(logicalId));
        List<Problem> problems = new ArrayList<>();
        if (!"AWS::DynamoDB::Table".equals(resource.get("Type"))) {
            return List.of(new Problem(path, "is no AWS::DynamoDB::Table"));
        }
        Map<String, Object> properties = Nodes.map(resource.get("Properties"));
        String where = path + ".Properties";
        expect(
                problems,
                where + ".KeySchema",
                key(schema.partitionKey(), schema.sortKey()),
                keyOf(properties.get("KeySchema")));
        Set<String> attributes = new TreeSet<>();
        attributes.add(schema.partitionKey());
        if (schema.sortKey() != null) {
            attributes.add(schema.sortKey());
        }
        schema.indexes().forEach(i -> attributes.addAll(List.of(i.partitionKey(), i.sortKey())));
        Map<String, String> definitions = new LinkedHashMap<>();
        Nodes.list(properties.get("AttributeDefinitions"))
                .forEach(d -> definitions.put(
                        String.valueOf(Nodes.map(d).get("AttributeName")),
                        String.valueOf(Nodes.map(d).get("AttributeType"))));
        expect(problems, where + ".AttributeDefinitions", attributes, new TreeSet<>(definitions.keySet()));
        definitions.forEach((name, type) -> {
            if (!"S".equals(type)) {
                problems.add(
                        new Problem(where + ".AttributeDefinitions", name + " is " + type + ": every key is a string"));
            }
        });
        indexes(
                problems,
                where,
                "GlobalSecondaryIndexes",
                schema.indexes().stream().filter(i -> !i.local()).toList(),
                properties);
        indexes(
                problems,
                where,
                "LocalSecondaryIndexes",
                schema.indexes().stream().filter(TableSchema.Index::local).toList(),
                properties);
        Object view =
                Nodes.at(properties, "StreamSpecification", "StreamViewType").orElse(null);
        expect(
                problems,
                where + ".StreamSpecification.StreamViewType",
                schema.streamed() ? "NEW_AND_OLD_IMAGES" : null,
                view);
        if (schema.ttlAttribute() == null) {
            expect(problems, where + ".TimeToLiveSpecification", null, properties.get("TimeToLiveSpecification"));
        } else {
            expect(
                    problems,
                    where + ".TimeToLiveSpecification.AttributeName",
                    schema.ttlAttribute(),
                    Nodes.at(properties, "TimeToLiveSpecification", "AttributeName")
                            .orElse(null));
            expect(
                    problems,
                    where + ".TimeToLiveSpecification.Enabled",
                    true,
                    Nodes.at(properties, "TimeToLiveSpecification", "Enabled").orElse(null));
        }
        expect(problems, where + ".BillingMode", "PAY_PER_REQUEST", properties.get("BillingMode"));
        expect(
                problems,
                where + ".PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled",
                true,
                Nodes.at(properties, "PointInTimeRecoverySpecification", "PointInTimeRecoveryEnabled")
                        .orElse(null));
        expect(
                problems,
                where + ".SSESpecification.SSEEnabled",
                true,
                Nodes.at(properties, "SSESpecification", "SSEEnabled").orElse(null));
        expect(problems, path + ".DeletionPolicy", "Retain", resource.get("DeletionPolicy"));
        expect(problems, path + ".UpdateReplacePolicy", "Retain", resource.get("UpdateReplacePolicy"));
        return problems;
    }

    private static void indexes(
            List<Problem> problems,
            String where,
            String property,
            List<TableSchema.Index> expected,
            Map<String, Object> properties) {
        Map<String, Map<String, Object>> actual = new LinkedHashMap<>();
        Nodes.list(properties.get(property))
                .forEach(i -> actual.put(String.valueOf(Nodes.map(i).get("IndexName")), Nodes.map(i)));
        Set<String> names = new TreeSet<>();
        expected.forEach(i -> names.add(i.name()));
        expect(problems, where + "." + property + " names", names, new TreeSet<>(actual.keySet()));
        for (TableSchema.Index index : expected) {
            Map<String, Object> declared = actual.get(index.name());
            if (declared != null) {
                String at = where + "." + property + "[" + index.name() + "]";
                expect(
                        problems,
                        at + ".KeySchema",
                        key(index.partitionKey(), index.sortKey()),
                        keyOf(declared.get("KeySchema")));
                expect(
                        problems,
                        at + ".Projection.ProjectionType",
                        "ALL",
                        Nodes.at(declared, "Projection", "ProjectionType").orElse(null));
            }
        }
    }

    private static List<String> key(String partitionKey, String sortKey) {
        return sortKey == null ? List.of(partitionKey + " HASH") : List.of(partitionKey + " HASH", sortKey + " RANGE");
    }

    private static List<String> keyOf(Object keySchema) {
        return Nodes.list(keySchema).stream()
                .map(k -> Nodes.map(k).get("AttributeName") + " " + Nodes.map(k).get("KeyType"))
                .toList();
    }

    /**
     * Every index named in an ARN of a role ({@code TABLE_ARN/index/NAME}) is an index of the schemas: a
     * renamed index must not leave a policy allowing the old name.
     */
    static List<Problem> indexArns(Map<String, Object> template, Set<String> indexNames) {
        List<Problem> problems = new ArrayList<>();
        Nodes.walk(template.get("Resources"), "Resources", (path, node) -> {
            if (node instanceof String text && path.contains(".Resource")) {
                int at = text.indexOf("/index/");
                if (at >= 0) {
                    String name = text.substring(at + "/index/".length());
                    if (!name.equals("*") && !indexNames.contains(name)) {
                        problems.add(
                                new Problem(path, "index " + name + " is not one of " + new TreeSet<>(indexNames)));
                    }
                }
            }
        });
        return problems;
    }

    // ---------------------------------------------------------------- state machine

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

    /** The {@code ${Name}}s of a state machine definition: what its DefinitionSubstitutions must give. */
    static Set<String> placeholders(String definition) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(definition);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** Each state machine's DefinitionSubstitutions are exactly the definition's placeholders. */
    static List<Problem> substitutions(Map<String, Object> template, String definition) {
        Set<String> wanted = placeholders(definition);
        List<Problem> problems = new ArrayList<>();
        Nodes.resources(template, "AWS::StepFunctions::StateMachine").forEach((id, machine) -> {
            String path = "Resources." + id + ".Properties.DefinitionSubstitutions";
            Set<String> given = new TreeSet<>(Nodes.map(Nodes.at(machine, "Properties", "DefinitionSubstitutions")
                            .orElse(null))
                    .keySet());
            Set<String> missing = new TreeSet<>(wanted);
            missing.removeAll(given);
            Set<String> extra = new TreeSet<>(given);
            extra.removeAll(wanted);
            if (!missing.isEmpty()) {
                problems.add(new Problem(path, "lacks " + missing + ", which the definition uses"));
            }
            if (!extra.isEmpty()) {
                problems.add(new Problem(path, "gives " + extra + ", which the definition does not use"));
            }
        });
        return problems;
    }

    // ---------------------------------------------------------------- functions

    /** Each function's handler names a class on the class path with a public {@code handleRequest}. */
    static List<Problem> handlers(Map<String, Object> template, ClassLoader loader) {
        List<Problem> problems = new ArrayList<>();
        Nodes.resources(template, "AWS::Lambda::Function").forEach((id, function) -> {
            String path = "Resources." + id + ".Properties.Handler";
            Object handler = Nodes.at(function, "Properties", "Handler").orElse(null);
            if (!(handler instanceof String text) || !text.contains("::")) {
                problems.add(new Problem(path, "expected CLASS::METHOD, not " + handler));
                return;
            }
            String className = text.substring(0, text.indexOf("::"));
            String method = text.substring(text.indexOf("::") + 2);
            try {
                Class<?> type = Class.forName(className, false, loader);
                boolean found = Arrays.stream(type.getMethods())
                        .anyMatch(m -> m.getName().equals(method) && !Modifier.isStatic(m.getModifiers()));
                if (!found) {
                    problems.add(new Problem(path, className + " has no public method " + method));
                } else if (!hasPublicNoArgumentConstructor(type)) {
                    problems.add(
                            new Problem(path, className + " has no public no-argument constructor for the runtime"));
                }
            } catch (ClassNotFoundException e) {
                problems.add(new Problem(path, "no class " + className + " on the class path of the ingest module"));
            }
            expect(
                    problems,
                    "Resources." + id + ".Properties.Runtime",
                    "java21",
                    Nodes.at(function, "Properties", "Runtime").orElse(null));
        });
        return problems;
    }

    private static boolean hasPublicNoArgumentConstructor(Class<?> type) {
        return Arrays.stream(type.getConstructors()).anyMatch(c -> c.getParameterCount() == 0);
    }

    /** The public String constants of a class: the environment variables Wiring reads. */
    static Set<String> constants(Class<?> type) {
        Set<String> values = new TreeSet<>();
        for (var field : type.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    values.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return values;
    }

    /**
     * Each function sets only variables the code reads (or the JVM does), and none that Lambda reserves
     * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime).
     */
    static List<Problem> environment(Map<String, Object> template, Set<String> known) {
        List<Problem> problems = new ArrayList<>();
        Nodes.resources(template, "AWS::Lambda::Function").forEach((id, function) -> {
            String path = "Resources." + id + ".Properties.Environment.Variables";
            for (String name : Nodes.map(Nodes.at(function, "Properties", "Environment", "Variables")
                            .orElse(null))
                    .keySet()) {
                if (name.startsWith("AWS_") || name.startsWith("LAMBDA_") || name.startsWith("_")) {
                    problems.add(new Problem(path + "." + name, "is reserved by Lambda"));
                } else if (!known.contains(name)) {
                    problems.add(new Problem(path + "." + name, "is read by nothing: not one of " + known));
                }
            }
        });
        return problems;
    }

    // ---------------------------------------------------------------- IAM

    /**
     * No role has a managed policy, and no statement of a role, a queue policy or another policy uses a
     * wildcard action, NotAction or NotResource, or Resource "*" unless its every action is in {@code
     * everyResourceAllowed} (actions AWS offers no resource-level permission for).
     */
    static List<Problem> iam(Map<String, Object> template, Set<String> everyResourceAllowed) {
        List<Problem> problems = new ArrayList<>();
        Nodes.resources(template, "AWS::IAM::Role").forEach((id, role) -> {
            String path = "Resources." + id + ".Properties";
            if (Nodes.at(role, "Properties", "ManagedPolicyArns").isPresent()) {
                problems.add(new Problem(path + ".ManagedPolicyArns", "managed policies are not least privilege"));
            }
            roleStatements(id, role).forEach(statement -> checkStatement(statement, everyResourceAllowed, problems));
        });
        for (String type : List.of("AWS::SQS::QueuePolicy", "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy")) {
            Nodes.resources(template, type).forEach((id, resource) -> {
                String path = "Resources." + id + ".Properties.PolicyDocument";
                for (Statement statement : statements(
                        Nodes.at(resource, "Properties", "PolicyDocument").orElse(null), path)) {
                    checkStatement(statement, everyResourceAllowed, problems);
                }
            });
        }
        return problems;
    }

    /** The actions each role allows: those of its policies' statements, both branches of a conditional one. */
    static Map<String, Set<String>> roleActions(Map<String, Object> template) {
        Map<String, Set<String>> actions = new TreeMap<>();
        Nodes.resources(template, "AWS::IAM::Role").forEach((id, role) -> {
            Set<String> allowed = new TreeSet<>();
            roleStatements(id, role).forEach(statement -> allowed.addAll(statement.actions()));
            actions.put(id, allowed);
        });
        return actions;
    }

    /**
     * Each role of {@code expected} is in the template and allows exactly its expected actions; the problem
     * names the role and the actions it allows beyond them or lacks.
     */
    static List<Problem> actions(Map<String, Object> template, Map<String, Set<String>> expected) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Set<String>> allowed = roleActions(template);
        for (String role : new TreeSet<>(expected.keySet())) {
            Set<String> actions = allowed.get(role);
            if (actions == null) {
                problems.add(new Problem("Resources." + role, "is expected but not in the template"));
                continue;
            }
            Set<String> extra = new TreeSet<>(actions);
            extra.removeAll(expected.get(role));
            Set<String> missing = new TreeSet<>(expected.get(role));
            missing.removeAll(actions);
            List<String> differences = new ArrayList<>();
            if (!extra.isEmpty()) {
                differences.add("allows unexpected " + extra);
            }
            if (!missing.isEmpty()) {
                differences.add("lacks expected " + missing);
            }
            if (!differences.isEmpty()) {
                problems.add(new Problem("Resources." + role + ".Properties.Policies", String.join("; ", differences)));
            }
        }
        return problems;
    }

    /**
     * Each function's role, by logical id: its {@code Role} must be {@code !GetAtt ROLE.Arn} of a role of the
     * template, or there is no telling what it may do.
     *
     * @throws IllegalStateException naming the function whose role is not such
     */
    static Map<String, String> functionRoles(Map<String, Object> template) {
        Map<String, Map<String, Object>> roles = Nodes.resources(template, "AWS::IAM::Role");
        Map<String, String> functionRoles = new TreeMap<>();
        Nodes.resources(template, "AWS::Lambda::Function").forEach((id, function) -> {
            Object role = Nodes.at(function, "Properties", "Role").orElse(null);
            List<Object> getAtt =
                    Nodes.function(role, "Fn::GetAtt").map(Nodes::list).orElse(List.of());
            if (getAtt.size() != 2 || !"Arn".equals(getAtt.get(1)) || !roles.containsKey(getAtt.get(0))) {
                throw new IllegalStateException(
                        "Resources." + id + ".Properties.Role is " + role + ", not !GetAtt ROLE.Arn of a role here");
            }
            functionRoles.put(id, String.valueOf(getAtt.get(0)));
        });
        return functionRoles;
    }

    /** The class of a function's handler ({@code CLASS::METHOD}), by the function's logical id. */
    static String handlerClass(Map<String, Object> template, String function) {
        Object handler = Nodes.at(template, "Resources", function, "Properties", "Handler")
                .orElse("");
        String text = String.valueOf(handler);
        return text.contains("::") ? text.substring(0, text.indexOf("::")) : text;
    }

    /** What the Lambda service itself does with a function's role, beyond what the function's code calls. */
    enum PlatformUse {
        /** Writes the function's log (every function). */
        LOG,
        /** Sends the record of a failed invocation or stream batch to the function's SQS on-failure destination. */
        ON_FAILURE_QUEUE,
        /** Reads the DynamoDB stream of the function's event source mapping. */
        DYNAMODB_STREAM
    }

    /**
     * What Lambda does with each function's role, by the function's logical id, from the template: every
     * function logs; an {@code AWS::Lambda::EventInvokeConfig} or {@code AWS::Lambda::EventSourceMapping} of the
     * function (directly or through an alias) with an on-failure destination adds {@link
     * PlatformUse#ON_FAILURE_QUEUE}; a mapping from a table's stream adds {@link PlatformUse#DYNAMODB_STREAM}.
     *
     * @throws IllegalStateException for a destination that is not a queue of the template, or a configuration
     *     whose function cannot be told: there is no telling what its role needs
     */
    static Map<String, Set<PlatformUse>> platformUses(Map<String, Object> template) {
        Map<String, Set<PlatformUse>> uses = new TreeMap<>();
        Nodes.resources(template, "AWS::Lambda::Function")
                .keySet()
                .forEach(id -> uses.put(id, new TreeSet<>(Set.of(PlatformUse.LOG))));
        for (String type : List.of("AWS::Lambda::EventInvokeConfig", "AWS::Lambda::EventSourceMapping")) {
            Nodes.resources(template, type).forEach((id, config) -> {
                String function = functionOf(
                        template,
                        id,
                        Nodes.at(config, "Properties", "FunctionName").orElse(null));
                Object destination = Nodes.at(config, "Properties", "DestinationConfig", "OnFailure", "Destination")
                        .orElse(null);
                if (destination != null) {
                    List<Object> getAtt = Nodes.function(destination, "Fn::GetAtt")
                            .map(Nodes::list)
                            .orElse(List.of());
                    if (getAtt.isEmpty()
                            || !Nodes.resources(template, "AWS::SQS::Queue").containsKey(getAtt.get(0))) {
                        throw new IllegalStateException("Resources." + id + ": the on-failure destination "
                                + destination + " is not a queue of the template; map what Lambda needs for it");
                    }
                    uses.get(function).add(PlatformUse.ON_FAILURE_QUEUE);
                }
                Object source = Nodes.at(config, "Properties", "EventSourceArn").orElse(null);
                boolean stream = Nodes.function(source, "Fn::GetAtt")
                        .map(Nodes::list)
                        .filter(g -> g.size() == 2 && "StreamArn".equals(g.get(1)))
                        .isPresent();
                if (stream) {
                    uses.get(function).add(PlatformUse.DYNAMODB_STREAM);
                } else if (source != null) {
                    throw new IllegalStateException("Resources." + id + ": the event source " + source
                            + " is not a table's stream; map what Lambda needs to read it");
                }
            });
        }
        return uses;
    }

    /** The function a {@code FunctionName} of a configuration refers to: {@code !Ref} the function or its alias. */
    private static String functionOf(Map<String, Object> template, String config, Object functionName) {
        Object ref = Nodes.function(functionName, "Ref").orElse(null);
        Map<String, Object> resource =
                Nodes.map(Nodes.at(template, "Resources", String.valueOf(ref)).orElse(null));
        Object type = resource.get("Type");
        if ("AWS::Lambda::Function".equals(type)) {
            return String.valueOf(ref);
        }
        if ("AWS::Lambda::Alias".equals(type) || "AWS::Lambda::Version".equals(type)) {
            return functionOf(
                    template,
                    config,
                    Nodes.at(resource, "Properties", "FunctionName").orElse(null));
        }
        throw new IllegalStateException("Resources." + config + ".Properties.FunctionName is " + functionName
                + ", not !Ref of a function, or of an alias or version of one, of the template");
    }

    private static List<Statement> roleStatements(String id, Map<String, Object> role) {
        List<Statement> statements = new ArrayList<>();
        List<Object> policies =
                Nodes.list(Nodes.at(role, "Properties", "Policies").orElse(null));
        for (int p = 0; p < policies.size(); p++) {
            statements.addAll(statements(
                    Nodes.at(policies.get(p), "PolicyDocument").orElse(null),
                    "Resources." + id + ".Properties.Policies[" + p + "].PolicyDocument"));
        }
        return statements;
    }

    private static void checkStatement(Statement statement, Set<String> everyResourceAllowed, List<Problem> problems) {
        Map<String, Object> body = statement.body();
        for (String forbidden : List.of("NotAction", "NotResource")) {
            if (body.containsKey(forbidden)) {
                problems.add(new Problem(statement.path() + "." + forbidden, "is not least privilege"));
            }
        }
        for (String action : statement.actions()) {
            if (action.contains("*")) {
                problems.add(new Problem(statement.path() + ".Action", action + " is a wildcard"));
            }
        }
        boolean everyResource = Nodes.oneOrMany(body.get("Resource")).stream().anyMatch("*"::equals);
        if (everyResource) {
            Set<String> notAllowed = new TreeSet<>(statement.actions());
            notAllowed.removeAll(everyResourceAllowed);
            if (!notAllowed.isEmpty()) {
                problems.add(new Problem(
                        statement.path() + ".Resource",
                        "\"*\" for " + notAllowed
                                + ": only the documented log-delivery and tracing actions may use it"));
            }
        }
    }

    /** One statement of a policy document, with where it is. */
    record Statement(String path, Map<String, Object> body) {
        Set<String> actions() {
            Set<String> actions = new TreeSet<>();
            Nodes.oneOrMany(body.get("Action")).forEach(a -> actions.add(String.valueOf(a)));
            return actions;
        }
    }

    /** The statements of a policy document; both branches of an {@code Fn::If} statement, without NoValue. */
    static List<Statement> statements(Object document, String path) {
        List<Statement> statements = new ArrayList<>();
        List<Object> list = Nodes.oneOrMany(Nodes.map(document).get("Statement"));
        for (int i = 0; i < list.size(); i++) {
            String at = path + ".Statement[" + i + "]";
            Optional<Object> conditional = Nodes.function(list.get(i), "Fn::If");
            if (conditional.isPresent()) {
                List<Object> branches = Nodes.list(conditional.get());
                for (int b = 1; b < branches.size(); b++) {
                    if (Nodes.function(branches.get(b), "Ref")
                            .filter("AWS::NoValue"::equals)
                            .isEmpty()) {
                        statements.add(new Statement(at + ".Fn::If[" + b + "]", Nodes.map(branches.get(b))));
                    }
                }
            } else {
                statements.add(new Statement(at, Nodes.map(list.get(i))));
            }
        }
        return statements;
    }

    // ---------------------------------------------------------------- retries end

    /**
     * A stream mapping reports batch item failures, bisects a failing batch, retries a bounded number of
     * times and for a bounded age (below the stream's 24 hours), then sends the batch to an SQS queue of the
     * stack, and starts from TRIM_HORIZON.
     */
    static List<Problem> streamMappings(Map<String, Object> template) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Map<String, Object>> mappings = Nodes.resources(template, "AWS::Lambda::EventSourceMapping");
        if (mappings.isEmpty()) {
            problems.add(new Problem("Resources", "no AWS::Lambda::EventSourceMapping for the table's stream"));
        }
        mappings.forEach((id, mapping) -> {
            String path = "Resources." + id + ".Properties";
            Map<String, Object> properties = Nodes.map(mapping.get("Properties"));
            if (!Nodes.list(properties.get("FunctionResponseTypes")).contains("ReportBatchItemFailures")) {
                problems.add(new Problem(path + ".FunctionResponseTypes", "must hold ReportBatchItemFailures"));
            }
            expect(problems, path + ".BisectBatchOnFunctionError", true, properties.get("BisectBatchOnFunctionError"));
            expect(problems, path + ".StartingPosition", "TRIM_HORIZON", properties.get("StartingPosition"));
            bounded(problems, path + ".MaximumRetryAttempts", properties.get("MaximumRetryAttempts"), 0, 10_000);
            bounded(
                    problems,
                    path + ".MaximumRecordAgeInSeconds",
                    properties.get("MaximumRecordAgeInSeconds"),
                    60,
                    86_400);
            queue(
                    problems,
                    template,
                    path + ".DestinationConfig.OnFailure.Destination",
                    Nodes.at(properties, "DestinationConfig", "OnFailure", "Destination")
                            .orElse(null));
        });
        return problems;
    }

    /**
     * Every function an EventBridge rule invokes (asynchronously) has an invoke config on the alias the rule
     * targets, with bounded retries and an SQS on-failure destination.
     */
    static List<Problem> asynchronousInvocations(Map<String, Object> template) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Map<String, Object>> aliases = Nodes.resources(template, "AWS::Lambda::Alias");
        Map<String, Map<String, Object>> configs = Nodes.resources(template, "AWS::Lambda::EventInvokeConfig");
        Set<String> invoked = new LinkedHashSet<>();
        Nodes.resources(template, "AWS::Events::Rule").forEach((id, rule) -> {
            for (Object target :
                    Nodes.list(Nodes.at(rule, "Properties", "Targets").orElse(null))) {
                refTarget(Nodes.map(target).get("Arn"))
                        .filter(aliases::containsKey)
                        .ifPresent(invoked::add);
            }
        });
        for (String alias : invoked) {
            Map<String, Object> aliasProperties = Nodes.map(aliases.get(alias).get("Properties"));
            Object function = aliasProperties.get("FunctionName");
            Optional<Map.Entry<String, Map<String, Object>>> config = configs.entrySet().stream()
                    .filter(c -> Objects.equals(
                                    Nodes.at(c.getValue(), "Properties", "FunctionName")
                                            .orElse(null),
                                    function)
                            && Objects.equals(
                                    Nodes.at(c.getValue(), "Properties", "Qualifier")
                                            .orElse(null),
                                    aliasProperties.get("Name")))
                    .findFirst();
            if (config.isEmpty()) {
                problems.add(
                        new Problem(
                                "Resources." + alias,
                                "is invoked by a rule but has no AWS::Lambda::EventInvokeConfig"
                                        + " on its function and alias name: failed invocations would be dropped after Lambda's default retries"));
                continue;
            }
            String path = "Resources." + config.get().getKey() + ".Properties";
            Map<String, Object> properties = Nodes.map(config.get().getValue().get("Properties"));
            bounded(problems, path + ".MaximumRetryAttempts", properties.get("MaximumRetryAttempts"), 0, 2);
            bounded(
                    problems,
                    path + ".MaximumEventAgeInSeconds",
                    properties.get("MaximumEventAgeInSeconds"),
                    60,
                    21_600);
            queue(
                    problems,
                    template,
                    path + ".DestinationConfig.OnFailure.Destination",
                    Nodes.at(properties, "DestinationConfig", "OnFailure", "Destination")
                            .orElse(null));
            List<String> dependsOn = Nodes.oneOrMany(config.get().getValue().get("DependsOn")).stream()
                    .map(String::valueOf)
                    .toList();
            if (!dependsOn.contains(alias)) {
                problems.add(new Problem(
                        "Resources." + config.get().getKey() + ".DependsOn",
                        "must name " + alias + ": the qualifier must exist before the config"));
            }
        }
        return problems;
    }

    /** Every rule target retries and dead-letters to a queue of the stack. */
    static List<Problem> ruleTargets(Map<String, Object> template) {
        List<Problem> problems = new ArrayList<>();
        Nodes.resources(template, "AWS::Events::Rule").forEach((id, rule) -> {
            List<Object> targets =
                    Nodes.list(Nodes.at(rule, "Properties", "Targets").orElse(null));
            for (int i = 0; i < targets.size(); i++) {
                String path = "Resources." + id + ".Properties.Targets[" + i + "]";
                if (Nodes.at(targets.get(i), "RetryPolicy").isEmpty()) {
                    problems.add(new Problem(path + ".RetryPolicy", "is missing"));
                }
                queue(
                        problems,
                        template,
                        path + ".DeadLetterConfig.Arn",
                        Nodes.at(targets.get(i), "DeadLetterConfig", "Arn").orElse(null));
            }
        });
        return problems;
    }

    /**
     * Every trigger of a function goes through an alias (SnapStart runs published versions only): rule
     * targets that are functions, event source mappings, permissions and the state machine's substitutions.
     */
    static List<Problem> triggersUseAliases(Map<String, Object> template) {
        Set<String> functions =
                Nodes.resources(template, "AWS::Lambda::Function").keySet();
        Set<String> versions = Nodes.resources(template, "AWS::Lambda::Version").keySet();
        List<Problem> problems = new ArrayList<>();
        Nodes.walk(template.get("Resources"), "Resources", (path, node) -> {
            boolean trigger = path.endsWith(".Targets")
                    || path.contains(".DefinitionSubstitutions.")
                    || (path.endsWith(".FunctionName")
                            && (isOfType(template, path, "AWS::Lambda::EventSourceMapping")
                                    || isOfType(template, path, "AWS::Lambda::Permission")));
            if (!trigger) {
                return;
            }
            List<Object> values = path.endsWith(".Targets")
                    ? Nodes.list(node).stream()
                            .map(t -> Nodes.map(t).get("Arn"))
                            .toList()
                    : List.of(node);
            for (Object value : values) {
                Optional<String> target = refTarget(value)
                        .or(() -> Nodes.function(value, "Fn::GetAtt")
                                .map(a -> String.valueOf(
                                        Nodes.list(a).isEmpty()
                                                ? ""
                                                : Nodes.list(a).get(0))));
                if (target.filter(t -> functions.contains(t) || versions.contains(t))
                        .isPresent()) {
                    problems.add(new Problem(
                            path,
                            "targets " + target.get() + " directly: use its alias, whose"
                                    + " published version SnapStart applies to"));
                }
            }
        });
        return problems;
    }

    private static boolean isOfType(Map<String, Object> template, String path, String type) {
        String id = path.substring("Resources.".length()).split("\\.")[0];
        return type.equals(Nodes.at(template, "Resources", id, "Type").orElse(null));
    }

    private static Optional<String> refTarget(Object node) {
        return Nodes.function(node, "Ref").filter(String.class::isInstance).map(String.class::cast);
    }

    private static void queue(List<Problem> problems, Map<String, Object> template, String path, Object destination) {
        Optional<String> queue = Nodes.function(destination, "Fn::GetAtt")
                .map(Nodes::list)
                .filter(a -> a.size() == 2 && "Arn".equals(a.get(1)))
                .map(a -> String.valueOf(a.get(0)));
        if (queue.isEmpty()
                || !"AWS::SQS::Queue"
                        .equals(Nodes.at(template, "Resources", queue.get(), "Type")
                                .orElse(null))) {
            problems.add(new Problem(
                    path, "must be the ARN (!GetAtt Q.Arn) of an SQS queue of the stack, not " + destination));
        }
    }

    private static void bounded(List<Problem> problems, String path, Object value, long min, long max) {
        if (!(value instanceof Number number) || number.longValue() < min || number.longValue() > max) {
            problems.add(new Problem(path, "must be a number from " + min + " to " + max + ", not " + value));
        }
    }

    private static void expect(List<Problem> problems, String path, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            problems.add(new Problem(path, "is " + actual + ", expected " + expected));
        }
    }
}
