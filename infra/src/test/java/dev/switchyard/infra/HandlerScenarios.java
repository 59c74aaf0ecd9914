package dev.switchyard.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.contracts.Json;
import dev.switchyard.contracts.category.CategoryDefinition;
import dev.switchyard.contracts.event.GlueArguments;
import dev.switchyard.contracts.table.ControlTableItem;
import dev.switchyard.dynamodb.Dynalite;
import dev.switchyard.dynamodb.DynamoItemTable;
import dev.switchyard.dynamodb.DynamoTables;
import dev.switchyard.ingest.lambda.EventBridgeHandler;
import dev.switchyard.ingest.lambda.PlanHandler;
import dev.switchyard.ingest.lambda.ReconcileHandler;
import dev.switchyard.ingest.lambda.TableStreamHandler;
import dev.switchyard.ingest.lambda.Wiring;
import dev.switchyard.reactor.ports.ExecutionStarter;
import dev.switchyard.reactor.react.ReactorConfig;
import dev.switchyard.reactor.runs.CategoryRuns;
import dev.switchyard.reactor.table.Categories;
import dev.switchyard.reactor.table.ControlTable;
import dev.switchyard.reactor.table.Stamp;
import dev.switchyard.reactor.table.StateTable;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

/**
 * Each Lambda handler run for real, built by {@code Wiring.fromEnvironment} from the environment its function
 * has in the template, exactly as the Lambda runtime builds it: on fresh tables in dynalite (the one departure,
 * {@code SWITCHYARD_DYNAMODB_ENDPOINT}), and on {@link FakeAwsServices} for Glue, Step Functions and EventBridge.
 * Each scenario drives every path of its handler that calls a service operation the others do not, checks
 * that the path was taken, and returns the SDK calls recorded meanwhile (from the wiring's construction on) by
 * {@link SdkCallRecorder}. The inputs are the AWS event samples of the ingest module's tests.
 */
final class HandlerScenarios {
    /** The job the Glue samples are about, in category RAW. */
    static final String JOB = "MyJob";

    static final String OTHER_JOB = "OtherJob";
    static final String FINISHED_RUN = "jr_abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789";
    static final String BY_HAND_RUN = "jr_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    static final String RUNNING_RUN = "jr_6aa58e7a3aa44e2e4c7db2c50e2f7396cb57901729e4b702dcb2cfbbeb3f7a86";
    static final String REGION = "eu-west-1";
    static final String STATE_MACHINE_ARN =
            "arn:aws:states:eu-west-1:123456789012:stateMachine:switchyard-orchestrator";
    static final String EVENT_BUS = "switchyard-events";
    static final long STUCK_AFTER_MINUTES = 60;

    /**
     * Variables the template may give a function that the scenarios leave unset: Kafka's (set only with
     * KafkaBootstrapServers; Kafka makes no AWS call, so the roles do not depend on it), and the JVM's options.
     */
    static final Set<String> LEFT_UNSET = Set.of(
            Wiring.KAFKA_BOOTSTRAP,
            Wiring.METRICS_TOPIC,
            Wiring.AUDIT_TOPIC,
            Wiring.KAFKA_PROPERTIES,
            "JAVA_TOOL_OPTIONS");

    /** A scenario of one function of the template. */
    @FunctionalInterface
    interface Scenario {
        Run run(Map<String, Object> template, String function) throws Exception;
    }

    /** The scenario of each handler class, by name. */
    static final Map<String, Scenario> BY_HANDLER = Map.of(
            PlanHandler.class.getName(), HandlerScenarios::plan,
            EventBridgeHandler.class.getName(), HandlerScenarios::react,
            TableStreamHandler.class.getName(), HandlerScenarios::audit,
            ReconcileHandler.class.getName(), HandlerScenarios::reconcile);

    /** What a scenario did: the SDK calls recorded, in order, and what the function logged. */
    record Run(List<String> calls, String log) {
        Set<String> actions() {
            return SdkCallRecorder.actions(calls);
        }
    }

    private final Map<String, Object> template;
    private final String function;
    private final FakeAwsServices aws;
    private final String table = "switchyard-" + UUID.randomUUID();
    private final String stateTable = table + "-state";
    private final Instant now = Instant.now();
    private final LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    private final ControlTable control;
    private final DynamoItemTable state;

    /** Fresh tables, created as {@code switchyard init} creates them, holding MyJob and OtherJob in RAW. */
    private HandlerScenarios(Map<String, Object> template, String function, FakeAwsServices aws) {
        this.template = template;
        this.function = function;
        this.aws = aws;
        DynamoTables.create(Dynalite.client(), ControlTable.SCHEMA, table);
        DynamoTables.create(Dynalite.client(), StateTable.SCHEMA, stateTable);
        control = new ControlTable(new DynamoItemTable(Dynalite.client(), ControlTable.SCHEMA, table));
        state = new DynamoItemTable(Dynalite.client(), StateTable.SCHEMA, stateTable);
        Stamp stamp = new Stamp("alice", now.minus(Duration.ofDays(1)));
        for (String job : List.of(JOB, OTHER_JOB)) {
            control.put(ControlTableItem.of(job, "RAW", "DAILY", "NO"), OptionalLong.empty(), stamp);
        }
    }

    // ---------------------------------------------------------------- the scenarios

    /**
     * The planner opens RAW's run for today (reads the category, writes the run) and records one of its jobs as
     * not started (the state machine's RecordNotStarted: status, history, the manifest; the other job is still
     * pending, so the run is not blocked yet); then plans EMPTY, a category without jobs: its run succeeds as it opens, so the planner chains
     * AFTER at once, starting its execution and announcing it on the bus.
     */
    static Run plan(Map<String, Object> template, String function) throws Exception {
        try (FakeAwsServices aws = FakeAwsServices.start()) {
            HandlerScenarios s = new HandlerScenarios(template, function, aws);
            s.define("RAW", List.of());
            s.define("EMPTY", List.of());
            s.define("AFTER", List.of("EMPTY"));

            Run run = s.record(() -> {
                PlanHandler handler = new PlanHandler(Wiring.fromEnvironment(s.environment()));
                assertThat(s.plan(handler, "RAW").path("Jobs"))
                        .as("RAW's slice")
                        .hasSize(2);
                assertThat(s.notStarted(handler, "RAW", JOB).path("outcome").asText())
                        .as("the job that did not start")
                        .isEqualTo("APPLIED");
                assertThat(s.plan(handler, "EMPTY").path("Jobs"))
                        .as("EMPTY's slice")
                        .isEmpty();
            });

            s.assertStarted("AFTER");
            assertThat(aws.requests("AWSEvents.PutEvents"))
                    .extracting(
                            r -> r.path("Entries").path(0).path("DetailType").asText())
                    .containsExactly("CategoryTriggered");
            return run;
        }
    }

    /**
     * The reactor applies the final event of a run started by hand (GetJobRun: no Switchyard arguments), which it
     * attributes by the manifests (Query) to RAW's run, blocking it (PutEvents); a Glue RUNNING event (status and
     * run history); then the final event of a run that completes RAW's run: it asks Glue for the run
     * (GetJobRun), records it, chains STG (StartExecution) and announces both (PutEvents). Last the
     * orchestrator's execution status change for RAW, which chains again from the run, finding STG started.
     */
    static Run react(Map<String, Object> template, String function) throws Exception {
        try (FakeAwsServices aws = FakeAwsServices.start()) {
            HandlerScenarios s = new HandlerScenarios(template, function, aws);
            s.define("RAW", List.of());
            s.define("STG", List.of("RAW"));
            s.open("RAW", List.of(JOB), s.now.minus(Duration.ofMinutes(20)));
            aws.glueRun(
                    JOB,
                    BY_HAND_RUN,
                    "FAILED",
                    Instant.parse("2017-09-07T05:50:00Z"),
                    Instant.parse("2017-09-07T06:02:03Z"),
                    Map.of());
            aws.glueRun(
                    JOB,
                    FINISHED_RUN,
                    "SUCCEEDED",
                    s.now.minus(Duration.ofMinutes(15)),
                    s.now.minus(Duration.ofMinutes(1)),
                    s.arguments("RAW"));
            ObjectNode execution = tree(bytes("sfn-execution-status-change-succeeded.json"));
            ObjectNode detail = (ObjectNode) execution.get("detail");
            detail.put("input", "{\"JobCategory\":\"RAW\",\"RunDate\":\"" + s.today + "\"}");
            detail.put("output", "{\"JobCategory\":\"RAW\",\"RunDate\":\"" + s.today + "\"}");

            Run run = s.record(() -> {
                EventBridgeHandler handler = new EventBridgeHandler(Wiring.fromEnvironment(s.environment()));
                assertThat(invoke(handler, bytes("glue-job-state-change-failed.json")))
                        .as("FAILED, by hand")
                        .isEqualTo("APPLIED");
                assertThat(invoke(handler, bytes("glue-job-run-status-running.json")))
                        .as("RUNNING")
                        .isEqualTo("APPLIED");
                assertThat(invoke(handler, bytes("glue-job-state-change-succeeded.json")))
                        .as("SUCCEEDED")
                        .isEqualTo("APPLIED");
                assertThat(invoke(handler, Json.mapper().writeValueAsBytes(execution)))
                        .as("execution SUCCEEDED")
                        .isEqualTo("APPLIED");
            });

            assertThat(aws.requests("AWSGlue.GetJobRun")).as("GetJobRun").hasSize(2);
            s.assertStarted("STG");
            assertThat(aws.requests("AWSEvents.PutEvents"))
                    .extracting(
                            r -> r.path("Entries").path(0).path("DetailType").asText())
                    .containsExactly("CategoryRunBlocked", "CategoryTriggered", "CategoryRunSucceeded");
            return run;
        }
    }

    /** The stream handler audits an INSERT, a MODIFY and a REMOVE of the control table: to its log only. */
    static Run audit(Map<String, Object> template, String function) throws Exception {
        try (FakeAwsServices aws = FakeAwsServices.start()) {
            HandlerScenarios s = new HandlerScenarios(template, function, aws);
            DynamodbEvent event = LambdaEventSerializers.serializerFor(
                            DynamodbEvent.class, HandlerScenarios.class.getClassLoader())
                    .fromJson(new ByteArrayInputStream(bytes("ddb-stream-lambda.json")));

            Run run = s.record(() -> {
                TableStreamHandler handler = new TableStreamHandler(Wiring.fromEnvironment(s.environment()));
                StreamsEventResponse response = handler.handleRequest(event, null);
                assertThat(response.getBatchItemFailures()).as("failed records").isEmpty();
            });

            assertThat(run.log().lines().filter(l -> l.contains("\"kind\":\"audit\"")))
                    .as("audit entries in " + run.log())
                    .hasSize(3);
            assertThat(aws.requests()).isEmpty();
            return run;
        }
    }

    /**
     * A sweep finds MyJob stuck RUNNING since its 2018 event (GetJobRun: it succeeded) and OtherJob still
     * pending in RAW's run, opened two hours ago (GetJobRuns: it succeeded too); the two results complete the
     * run, which chains STG and announces it.
     */
    static Run reconcile(Map<String, Object> template, String function) throws Exception {
        try (FakeAwsServices aws = FakeAwsServices.start()) {
            HandlerScenarios s = new HandlerScenarios(template, function, aws);
            s.define("RAW", List.of());
            s.define("STG", List.of("RAW"));
            s.open("RAW", List.of(JOB, OTHER_JOB), s.now.minus(Duration.ofHours(2)));
            // Not recorded: how MyJob came to look stuck.
            invoke(
                    new EventBridgeHandler(Wiring.fromEnvironment(s.environment())),
                    bytes("glue-job-run-status-running.json"));
            aws.glueRun(
                    JOB,
                    RUNNING_RUN,
                    "SUCCEEDED",
                    Instant.parse("2018-04-24T20:55:47.941Z"),
                    Instant.parse("2018-04-24T21:10:00Z"),
                    s.arguments("RAW"));
            aws.glueRun(
                    OTHER_JOB,
                    "jr_other",
                    "SUCCEEDED",
                    s.now.minus(Duration.ofMinutes(110)),
                    s.now.minus(Duration.ofMinutes(100)),
                    s.arguments("RAW"));

            Run run = s.record(() -> {
                ReconcileHandler handler = new ReconcileHandler(Wiring.fromEnvironment(s.environment()));
                JsonNode summary = Json.mapper().readTree(handler.handleRequest(Map.of(), null));
                assertThat(summary.path("failures")).as(summary.toString()).isEmpty();
                assertThat(summary.path("jobsStuck").asInt())
                        .as(summary.toString())
                        .isEqualTo(1);
                assertThat(summary.path("entriesPending").asInt())
                        .as(summary.toString())
                        .isEqualTo(1);
                assertThat(summary.path("runsFound").asInt())
                        .as(summary.toString())
                        .isEqualTo(2);
            });

            assertThat(aws.requests("AWSGlue.GetJobRun")).as("GetJobRun").hasSize(1);
            assertThat(aws.requests("AWSGlue.GetJobRuns")).as("GetJobRuns").hasSize(1);
            s.assertStarted("STG");
            assertThat(aws.requests("AWSEvents.PutEvents"))
                    .extracting(
                            r -> r.path("Entries").path(0).path("DetailType").asText())
                    .containsExactly("CategoryTriggered", "CategoryRunSucceeded");
            return run;
        }
    }

    // ---------------------------------------------------------------- helpers

    /**
     * The function's environment as the template gives it, with test values: every variable the template sets
     * for the function but those {@link #LEFT_UNSET}; a bus, so the conditional domain events are sent. Plus
     * AWS_REGION, which Lambda sets, and the dynalite endpoint.
     *
     * @throws IllegalStateException for a variable the scenarios have no value for
     */
    Map<String, String> environment() {
        Map<String, String> values = Map.of(
                Wiring.TABLE, table,
                Wiring.STATE_TABLE, stateTable,
                Wiring.STATE_MACHINE_ARN, STATE_MACHINE_ARN,
                Wiring.EVENT_BUS, EVENT_BUS,
                Wiring.ZONE, "UTC",
                Wiring.STUCK_AFTER_MINUTES, Long.toString(STUCK_AFTER_MINUTES));
        Map<String, String> env = new LinkedHashMap<>();
        Nodes.map(Nodes.at(template, "Resources", function, "Properties", "Environment", "Variables")
                        .orElse(null))
                .keySet()
                .forEach(name -> {
                    if (values.containsKey(name)) {
                        env.put(name, values.get(name));
                    } else if (!LEFT_UNSET.contains(name)) {
                        throw new IllegalStateException(function + " sets " + name
                                + ", which HandlerScenarios has no value for: give it one, or leave it unset");
                    }
                });
        env.put(Wiring.REGION, REGION);
        env.put(Wiring.DYNAMODB_ENDPOINT, Dynalite.endpoint().toString());
        return env;
    }

    /** Records the SDK calls of {@code work}, with standard output (the function's log) captured. */
    private Run record(SdkCallRecorder.Work work) throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream out = System.out;
        List<String> calls;
        System.setOut(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            calls = SdkCallRecorder.calls(work);
        } finally {
            System.setOut(out);
        }
        return new Run(calls, log.toString(StandardCharsets.UTF_8));
    }

    private void define(String category, List<String> dependsOn) {
        new Categories(state)
                .put(CategoryDefinition.of(category, dependsOn, 10), OptionalLong.empty(), new Stamp("alice", now));
    }

    private void open(String category, List<String> manifest, Instant openedAt) {
        new CategoryRuns(state, ReactorConfig.defaults().runRetention())
                .open(category, today, null, manifest, openedAt);
    }

    /** The arguments the state machine gives each Glue run of a category's run today. */
    private Map<String, String> arguments(String category) {
        return Map.of(GlueArguments.CATEGORY, category, GlueArguments.RUN_DATE, today.toString());
    }

    /** The Plan state's call, as the state machine makes it for an execution started by a schedule. */
    private JsonNode plan(PlanHandler handler, String category) throws IOException {
        ObjectNode request = Json.mapper().createObjectNode();
        request.putObject("Input").put("JobCategory", category);
        request.put("ExecutionName", category + "-" + today);
        request.put("StartTime", now.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Json.mapper().writeValueAsBytes(request)), out, null);
        return Json.mapper().readTree(out.toByteArray());
    }

    private JsonNode notStarted(PlanHandler handler, String category, String job) throws IOException {
        ObjectNode request = Json.mapper().createObjectNode();
        ObjectNode body = request.putObject("NotStarted");
        body.put("JobName", job);
        body.putObject("Arguments")
                .put("--switchyard-category", category)
                .put("--switchyard-run-date", today.toString());
        body.putObject("Error").put("Error", "Glue.EntityNotFoundException").put("Cause", "no such job");
        request.put("ExecutionName", category + "-" + today);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(Json.mapper().writeValueAsBytes(request)), out, null);
        return Json.mapper().readTree(out.toByteArray());
    }

    private void assertStarted(String category) {
        assertThat(aws.requests("AWSStepFunctions.StartExecution"))
                .extracting(r -> r.path("name").asText())
                .containsExactly(ExecutionStarter.executionName(category, today));
    }

    /** Runs the EventBridge handler on an event and returns its outcome. */
    private static String invoke(EventBridgeHandler handler, byte[] event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, null);
        return Json.mapper().readTree(out.toByteArray()).path("outcome").asText();
    }

    /** An AWS event sample of the ingest module's tests. */
    private static byte[] bytes(String name) {
        try (InputStream in = HandlerScenarios.class.getResourceAsStream("/events/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no sample /events/" + name + " on the class path (ingest's test-jar)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode tree(byte[] json) throws IOException {
        return (ObjectNode) Json.mapper().readTree(json);
    }
}
