package dev.switchyard.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchyard.dynamodb.Dynalite;
import dev.switchyard.dynamodb.DynamoTables;
import dev.switchyard.infra.DeploymentChecks.PlatformUse;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Each function's role allows exactly what its code calls, as recorded while {@link HandlerScenarios} runs its
 * handler, plus what the Lambda service does with the role on the function's behalf. Needs Node.js for dynalite,
 * like the DynamoDB tests of the other modules.
 */
class FunctionRolesTest {
    /**
     * What Lambda itself does with a function's role, which no code of ours calls; which function needs which is
     * read from the template ({@link DeploymentChecks#platformUses}).
     */
    static final Map<PlatformUse, Set<String>> PLATFORM_ACTIONS = new EnumMap<>(Map.of(
            // Every function: Lambda writes its log with the function's role. logs:CreateLogGroup is not needed,
            // the stack creates each function's log group.
            // https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html ("Required IAM permissions")
            PlatformUse.LOG,
            Set.of("logs:CreateLogStream", "logs:PutLogEvents"),
            // An SQS on-failure destination: Lambda sends the record of an asynchronous invocation that ran out of
            // retries, or of a stream batch that did, with the function's role.
            // https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html
            // https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html (SQS: sqs:SendMessage)
            PlatformUse.ON_FAILURE_QUEUE,
            Set.of("sqs:SendMessage"),
            // A DynamoDB stream event source mapping reads the stream with the function's role.
            // https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html ("Execution role permissions")
            // https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/iam-policy-example-lamda-process-dynamodb-streams.html
            PlatformUse.DYNAMODB_STREAM,
            Set.of(
                    "dynamodb:DescribeStream",
                    "dynamodb:GetRecords",
                    "dynamodb:GetShardIterator",
                    "dynamodb:ListStreams")));

    /** Each function's scenario runs once per JVM; the negative tests reuse what it recorded. */
    private static final Map<String, Set<String>> RECORDED = new ConcurrentHashMap<>();

    private static Map<String, Object> template;

    @BeforeAll
    static void load() throws IOException {
        template = ForEach.expand(CfnYaml.parse(Files.readString(Repository.template())), Map.of());
    }

    /** Every function of the template: one without a scenario fails. Called after {@link #load}. */
    static Stream<String> functions() {
        return Nodes.resources(template, "AWS::Lambda::Function").keySet().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void roleShouldAllowExactlyWhatTheHandlerCallsAndLambdaNeeds(String function) {
        String role = DeploymentChecks.functionRoles(template).get(function);
        Set<String> recorded = recorded(function);
        Set<String> platform = platformActions(function);

        assertThat(DeploymentChecks.actions(template, Map.of(role, union(recorded, platform))))
                .as(
                        "%s runs %s; its scenario called %s, and Lambda needs %s",
                        function, DeploymentChecks.handlerClass(template, function), recorded, platform)
                .isEmpty();
    }

    @Test
    void shouldFailNamingTheRoleAndTheAction_whenARecordedCallIsMissingFromTheRole() throws IOException {
        Set<String> recorded = recorded("ReactorFunction");
        assertThat(recorded).as("the reactor's recorded calls").contains("glue:GetJobRun");
        Map<String, Object> changed = changed("ReactorRole", actions -> actions.remove("glue:GetJobRun"));

        assertThat(DeploymentChecks.actions(
                        changed, Map.of("ReactorRole", union(recorded, platformActions("ReactorFunction")))))
                .extracting(Problem::toString)
                .containsExactly("Resources.ReactorRole.Properties.Policies: lacks expected [glue:GetJobRun]");
    }

    @Test
    void shouldFailNamingTheRoleAndTheAction_whenTheRoleAllowsWhatNothingCalls() throws IOException {
        Set<String> recorded = recorded("ReactorFunction");
        assertThat(recorded).as("the reactor's recorded calls").doesNotContain("dynamodb:BatchWriteItem");
        Map<String, Object> changed = changed("ReactorRole", actions -> {
            if (actions.contains("dynamodb:PutItem")) {
                actions.add("dynamodb:BatchWriteItem");
            }
        });

        assertThat(DeploymentChecks.actions(
                        changed, Map.of("ReactorRole", union(recorded, platformActions("ReactorFunction")))))
                .extracting(Problem::toString)
                .containsExactly(
                        "Resources.ReactorRole.Properties.Policies: allows unexpected [dynamodb:BatchWriteItem]");
    }

    @Test
    void shouldRecordTheCallsOfAClientNoCodeRegisteredTheRecorderWith() throws Exception {
        // A client built from scratch: only the global interceptor file can have registered the recorder.
        try (DynamoDbClient client = DynamoTables.client(Dynalite.endpoint(), HandlerScenarios.REGION)) {
            List<String> calls = SdkCallRecorder.calls(() -> client.listTables());

            assertThat(calls).containsExactly("DynamoDb:ListTables");
            assertThat(SdkCallRecorder.actions(calls)).containsExactly("dynamodb:ListTables");
        }
    }

    @Test
    void shouldMapEachServicesCallsToItsIamPrefix() {
        assertThat(SdkCallRecorder.actions(
                        List.of("DynamoDb:GetItem", "Glue:GetJobRuns", "Sfn:StartExecution", "EventBridge:PutEvents")))
                .containsExactly("dynamodb:GetItem", "events:PutEvents", "glue:GetJobRuns", "states:StartExecution");
        assertThatThrownBy(() -> SdkCallRecorder.action("S3:ListObjectsV2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("S3:ListObjectsV2");
    }

    @Test
    void shouldReadWhatLambdaDoesWithEachRoleFromTheTemplate() {
        assertThat(DeploymentChecks.platformUses(template))
                .isEqualTo(Map.of(
                        "PlannerFunction", Set.of(PlatformUse.LOG),
                        "ReactorFunction", Set.of(PlatformUse.LOG, PlatformUse.ON_FAILURE_QUEUE),
                        "TableStreamFunction",
                                Set.of(PlatformUse.LOG, PlatformUse.ON_FAILURE_QUEUE, PlatformUse.DYNAMODB_STREAM),
                        "ReconcileFunction", Set.of(PlatformUse.LOG, PlatformUse.ON_FAILURE_QUEUE)));
    }

    @Test
    void shouldHaveAScenarioForEveryHandler() {
        for (String function : DeploymentChecks.functionRoles(template).keySet()) {
            assertThat(HandlerScenarios.BY_HANDLER)
                    .as(
                            "a scenario for %s, the handler of %s",
                            DeploymentChecks.handlerClass(template, function), function)
                    .containsKey(DeploymentChecks.handlerClass(template, function));
        }
    }

    /** The IAM actions of the calls the function's handler made in its scenario. */
    private static Set<String> recorded(String function) {
        return RECORDED.computeIfAbsent(function, f -> {
            String handler = DeploymentChecks.handlerClass(template, f);
            HandlerScenarios.Scenario scenario = HandlerScenarios.BY_HANDLER.get(handler);
            if (scenario == null) {
                throw new IllegalStateException(
                        "no scenario for " + handler + ", the handler of " + f + ": add one to HandlerScenarios");
            }
            try {
                return scenario.run(template, f).actions();
            } catch (Exception e) {
                throw new IllegalStateException("the scenario of " + f + " failed: " + e.getMessage(), e);
            }
        });
    }

    private static Set<String> platformActions(String function) {
        Set<String> actions = new TreeSet<>();
        DeploymentChecks.platformUses(template).get(function).forEach(use -> actions.addAll(PLATFORM_ACTIONS.get(use)));
        return actions;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> union = new TreeSet<>(a);
        union.addAll(b);
        return union;
    }

    /**
     * A fresh copy of the template where {@code change} has changed the actions of each statement of one role;
     * a statement left without actions is dropped, a conditional statement is left as it is.
     */
    private static Map<String, Object> changed(String role, Consumer<List<Object>> change) throws IOException {
        Map<String, Object> copy = ForEach.expand(CfnYaml.parse(Files.readString(Repository.template())), Map.of());
        for (Object policy : Nodes.list(
                Nodes.at(copy, "Resources", role, "Properties", "Policies").orElse(null))) {
            List<Object> statements =
                    Nodes.list(Nodes.at(policy, "PolicyDocument", "Statement").orElse(null));
            statements.removeIf(statement -> {
                Map<String, Object> body = Nodes.map(statement);
                if (!body.containsKey("Action")) {
                    return false; // a conditional statement: left as it is
                }
                List<Object> actions = new ArrayList<>(Nodes.oneOrMany(body.get("Action")));
                change.accept(actions);
                body.put("Action", actions);
                return actions.isEmpty();
            });
        }
        return copy;
    }
}
