package dev.switchyard.statemachine;

import static dev.switchyard.statemachine.Asl.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs the deployed definition, infra/statemachine.asl.json, with fake planner, Glue and StartExecution bindings. */
class SwitchyardStateMachineTest {
    private static final Path DEFINITION = Path.of("../infra/statemachine.asl.json");
    private static final String PLANNER = "arn:aws:lambda:local:000000000000:function:planner";
    private static final String GLUE = "arn:aws:states:::glue:startJobRun.sync";
    private static final String START_EXECUTION = "arn:aws:states:::states:startExecution";
    private static final String PLAN = """
            {"JobCategory":"RAW","RunDate":"2026-11-30","Environment":null,"Rerun":false,"Offset":0,"Next":null,
             "NextExecutionName":null,"MaxConcurrency":2,"Planned":3,"NotRun":{},
             "Arguments":{"--switchyard-category":"RAW","--switchyard-run-date":"2026-11-30"},
             "Jobs":["a","b","c"]}""";

    private final Asl.Harness harness = new Asl.Harness();
    private final List<JsonNode> plannerInputs = new CopyOnWriteArrayList<>();
    private final List<JsonNode> glueInputs = new CopyOnWriteArrayList<>();
    private final List<JsonNode> startedExecutions = new CopyOnWriteArrayList<>();
    private Definition definition;

    @BeforeEach
    void readDefinition() throws Exception {
        definition = Definition.read(DEFINITION, Map.of("PlannerFunctionArn", PLANNER));
        harness.bind(START_EXECUTION, call -> {
            startedExecutions.add(call.input());
            return json("{\"ExecutionArn\": \"arn:aws:states:local:000000000000:execution:switchyard:next\"}");
        });
    }

    private void planReturns(String plan) {
        harness.bind(PLANNER, call -> {
            plannerInputs.add(call.input());
            return json(plan);
        });
    }

    /** Glue fails the named jobs with States.TaskFailed and succeeds the rest with a JobRun. */
    private void glueFails(String... failing) {
        harness.bind(GLUE, call -> {
            glueInputs.add(call.input());
            String job = call.input().get("JobName").textValue();
            if (List.of(failing).contains(job)) {
                throw new TaskFailedException(
                        "States.TaskFailed", "{\"JobName\":\"" + job + "\",\"JobRunState\":\"FAILED\"}");
            }
            return json("{\"JobName\": \"" + job + "\", \"JobRunState\": \"SUCCEEDED\", \"Id\": \"jr_" + job + "\"}");
        });
    }

    private ExecutionResult run() {
        return harness.runner()
                .execute(
                        definition,
                        Asl.ARN,
                        "raw-2026-11-30",
                        json("{\"JobCategory\": \"RAW\", \"RunDate\": \"2026-11-30\"}"));
    }

    @Test
    void shouldBindThePlannerThroughTheSubstitution() {
        assertThat(definition.resources()).containsExactlyInAnyOrder(PLANNER, GLUE, START_EXECUTION);
    }

    @Test
    void shouldFailWithJobsFailed_namingTheFailedJob_whenOneJobFails() {
        planReturns(PLAN);
        glueFails("b");

        ExecutionResult result = run();

        assertThat(result.status()).isEqualTo(ExecutionResult.Status.FAILED);
        assertThat(result.error()).as("cause %s", result.cause()).isEqualTo("Switchyard.JobsFailed");
        assertThat(result.cause())
                .isEqualTo("1 of 3 job(s) of RAW for 2026-11-30 failed; the first of them: "
                        + "[{\"Failed\":\"b\",\"Error\":\"States.TaskFailed\"}]");
        assertThat(result.transitionsByState())
                .containsExactly(
                        Map.entry("Plan", 1L),
                        Map.entry("RunJobs", 1L),
                        Map.entry("RunJobs > RunJob", 3L),
                        Map.entry("RunJobs > DidItStart", 1L),
                        Map.entry("RunJobs > JobFailed", 1L),
                        Map.entry("Summarize", 1L),
                        Map.entry("MoreJobs", 1L),
                        Map.entry("Outcome", 1L),
                        Map.entry("JobsFailed", 1L));
        assertThat(result.stateTransitions()).isEqualTo(11);
        // b started, and Glue reports its end: nothing to record
        assertThat(plannerInputs).hasSize(1);
    }

    @Test
    void shouldSayInTheSummaryWhenAJobThatCouldNotStartCouldNotBeRecorded() {
        harness.bind(PLANNER, call -> {
            plannerInputs.add(call.input());
            if (call.input().has("NotStarted")) {
                throw new TaskFailedException("Lambda.Unknown", "the function crashed");
            }
            return json(PLAN);
        });
        harness.bind(GLUE, call -> {
            String job = call.input().get("JobName").textValue();
            if (job.equals("c")) {
                throw new TaskFailedException("Glue.EntityNotFoundException", "Job c not found");
            }
            return json("{\"JobName\": \"" + job + "\", \"JobRunState\": \"SUCCEEDED\", \"Id\": \"jr_" + job + "\"}");
        });

        ExecutionResult result = run();

        assertThat(result.error()).isEqualTo("Switchyard.JobsFailed");
        assertThat(result.cause())
                .contains(
                        "{\"Failed\":\"c\",\"Error\":\"Glue.EntityNotFoundException\",\"NotRecorded\":\"Lambda.Unknown\"}");
        assertThat(result.transitionsByState()).containsEntry("RunJobs > NotRecorded", 1L);
    }

    @Test
    void shouldRecordAJobThatCouldNotStart_andStillEndWithItsName() {
        planReturns(PLAN);
        harness.bind(GLUE, call -> {
            String job = call.input().get("JobName").textValue();
            if (job.equals("c")) {
                throw new TaskFailedException("Glue.EntityNotFoundException", "Job c not found");
            }
            return json("{\"JobName\": \"" + job + "\", \"JobRunState\": \"SUCCEEDED\", \"Id\": \"jr_" + job + "\"}");
        });

        ExecutionResult result = run();

        assertThat(result.error()).isEqualTo("Switchyard.JobsFailed");
        assertThat(result.cause()).contains("{\"Failed\":\"c\",\"Error\":\"Glue.EntityNotFoundException\"}");
        assertThat(plannerInputs).hasSize(2);
        assertThat(plannerInputs.get(1)).isEqualTo(json("""
                {"NotStarted": {"JobName": "c",
                   "Arguments": {"--switchyard-category": "RAW", "--switchyard-run-date": "2026-11-30"},
                   "Error": {"Error": "Glue.EntityNotFoundException", "Cause": "Job c not found"}},
                 "ExecutionName": "raw-2026-11-30"}"""));
        assertThat(result.transitionsByState())
                .containsEntry("RunJobs > DidItStart", 1L)
                .containsEntry("RunJobs > RecordNotStarted", 1L)
                .containsEntry("RunJobs > JobFailed", 1L);
    }

    @Test
    void shouldGiveThePlannerTheInputAndTheExecutionsNameAndStart() {
        planReturns(PLAN);
        glueFails();

        run();

        assertThat(plannerInputs).containsExactly(json("""
                        {"Input": {"JobCategory": "RAW", "RunDate": "2026-11-30"},
                         "ExecutionName": "raw-2026-11-30", "StartTime": "2026-11-30T06:00:00.000Z"}"""));
    }

    @Test
    void shouldStartEachJobWithItsNameAndTheCategoryArguments() {
        planReturns(PLAN);
        glueFails();

        run();

        assertThat(glueInputs)
                .containsExactlyInAnyOrder(
                        json("{\"JobName\": \"a\", \"Arguments\": {\"--switchyard-category\": \"RAW\", "
                                + "\"--switchyard-run-date\": \"2026-11-30\"}}"),
                        json("{\"JobName\": \"b\", \"Arguments\": {\"--switchyard-category\": \"RAW\", "
                                + "\"--switchyard-run-date\": \"2026-11-30\"}}"),
                        json("{\"JobName\": \"c\", \"Arguments\": {\"--switchyard-category\": \"RAW\", "
                                + "\"--switchyard-run-date\": \"2026-11-30\"}}"));
    }

    @Test
    void shouldSucceedWithTheSummary_whenEveryJobSucceeds() {
        planReturns(PLAN);
        glueFails();

        ExecutionResult result = run();

        assertThat(result.status()).isEqualTo(ExecutionResult.Status.SUCCEEDED);
        assertThat(result.output()).isEqualTo(json("""
                        {"JobCategory": "RAW", "RunDate": "2026-11-30", "Environment": null, "Planned": 3,
                         "Started": 3, "FailedJobs": [], "Failures": 0, "NotRun": {}, "Next": null,
                         "NextExecutionName": null, "Rerun": false}"""));
        assertThat(result.stateTransitions()).isEqualTo(9);
        assertThat(startedExecutions).isEmpty();
    }

    @Test
    void shouldContinueAsNew_whenThePlanHasANextSlice() {
        planReturns(PLAN.replace("\"Next\":null", "\"Next\":2")
                .replace("\"NextExecutionName\":null", "\"NextExecutionName\":\"raw-2026-11-30-from-2\""));
        glueFails();

        ExecutionResult result = run();

        assertThat(result.status()).isEqualTo(ExecutionResult.Status.SUCCEEDED);
        assertThat(startedExecutions).containsExactly(json("""
                        {"StateMachineArn": "arn:aws:states:eu-west-1:123456789012:stateMachine:switchyard",
                         "Name": "raw-2026-11-30-from-2",
                         "Input": {"JobCategory": "RAW", "RunDate": "2026-11-30", "Environment": null,
                                   "Offset": 2, "Rerun": false}}"""));
        assertThat(result.output().get("Next").intValue()).isEqualTo(2);
        assertThat(result.transitionsByState()).containsEntry("ContinueAsNew", 1L);
    }

    @Test
    void shouldRetryThePlanner_whenLambdaIsThrottled() {
        List<String> answers = new CopyOnWriteArrayList<>(List.of("throttle"));
        harness.bind(PLANNER, call -> {
            if (!answers.isEmpty()) {
                answers.remove(0);
                throw new TaskFailedException("Lambda.TooManyRequestsException", "Rate exceeded");
            }
            return json(PLAN);
        });
        glueFails();

        ExecutionResult result = run();

        assertThat(result.succeeded()).isTrue();
        assertThat(result.transitionsByState()).containsEntry("Plan", 2L);
        assertThat(harness.sleeper.waits())
                .singleElement()
                .satisfies(wait -> assertThat(wait.toMillis()).isBetween(0L, 2000L));
    }

    @Test
    void shouldRecordTheLargestPayloadAndWhereItWasSeen() {
        planReturns(PLAN);
        glueFails();

        ExecutionResult result = run();

        assertThat(result.largestPayloadBytes()).isPositive().isLessThan(1000);
        assertThat(result.largestPayloadState()).isNotNull();
    }
}
