package dev.switchyard.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.aws.FakeAwsServer.Response;
import dev.switchyard.reactor.ports.TransientFailureException;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;

class StepFunctionsStarterTest {
    private static final String STATE_MACHINE =
            "arn:aws:states:eu-west-1:123456789012:stateMachine:switchyard-orchestrator";
    private static final LocalDate RUN_DATE = LocalDate.parse("2026-11-30");

    private final FakeAwsServer stepFunctions = new FakeAwsServer();
    private final SfnClient client = AwsClients.stepFunctions(stepFunctions.settings());
    private final StepFunctionsStarter starter = new StepFunctionsStarter(client, STATE_MACHINE);

    @AfterEach
    void close() {
        client.close();
        stepFunctions.close();
    }

    @Test
    void shouldStartAnExecutionNamedForCategoryAndDate() {
        String arn = "arn:aws:states:eu-west-1:123456789012:execution:switchyard-orchestrator:STG-2026-11-30";
        stepFunctions.answer(started(arn));

        String id = starter.start("STG", RUN_DATE, "prod");

        assertThat(id).isEqualTo(arn);
        FakeAwsServer.Request request = stepFunctions.onlyRequest();
        assertThat(request.target()).isEqualTo("AWSStepFunctions.StartExecution");
        assertThat(request.contentType()).startsWith("application/x-amz-json-1.0");
        JsonNode body = request.json();
        assertThat(body.path("stateMachineArn").asText()).isEqualTo(STATE_MACHINE);
        assertThat(body.path("name").asText()).isEqualTo("STG-2026-11-30");
        assertThat(body.path("input").asText())
                .isEqualTo("{\"JobCategory\":\"STG\",\"RunDate\":\"2026-11-30\",\"Environment\":\"prod\","
                        + "\"TriggeredBy\":\"switchyard-reactor\"}");
    }

    @Test
    void shouldLeaveEnvironmentOut_whenThereIsNone() {
        stepFunctions.answer(started("arn:aws:states:eu-west-1:123456789012:execution:x:STG-2026-11-30"));

        starter.start("STG", RUN_DATE, null);

        assertThat(stepFunctions.onlyRequest().json().path("input").asText())
                .isEqualTo(
                        "{\"JobCategory\":\"STG\",\"RunDate\":\"2026-11-30\",\"TriggeredBy\":\"switchyard-reactor\"}");
    }

    @Test
    void shouldSendTheSameNameAndInputBytes_whenTheSameRunIsStartedAgain() {
        String arn = "arn:aws:states:eu-west-1:123456789012:execution:switchyard-orchestrator:STG-2026-11-30";
        // Step Functions answers an identical repeat with the open execution.
        stepFunctions.answer(started(arn), started(arn));

        String first = starter.start("STG", RUN_DATE, "prod");
        String second = starter.start("STG", RUN_DATE, "prod");

        assertThat(second).isEqualTo(first);
        assertThat(stepFunctions.requests()).hasSize(2);
        assertThat(stepFunctions.requests().get(1).body())
                .isEqualTo(stepFunctions.requests().get(0).body());
    }

    @Test
    void shouldNameTheExecutionAsThePortSays_whenTheCategoryHasCharactersStepFunctionsRefuses() {
        stepFunctions.answer(started("arn:aws:states:eu-west-1:123456789012:execution:x:Daily_Sales_EU-2026-11-30"));

        starter.start("Daily Sales/EU", RUN_DATE, null);

        JsonNode body = stepFunctions.onlyRequest().json();
        assertThat(body.path("name").asText())
                .isEqualTo(dev.switchyard.reactor.ports.ExecutionStarter.executionName("Daily Sales/EU", RUN_DATE))
                .matches("Daily_Sales_EU-[0-9a-f]{8}-2026-11-30");
        assertThat(body.path("input").asText()).contains("\"JobCategory\":\"Daily Sales/EU\"");
    }

    @Test
    void shouldCountAsStarted_whenTheExecutionAlreadyExists() {
        stepFunctions.answer(
                Response.error(400, "ExecutionAlreadyExists", "Execution Already Exists: 'STG-2026-11-30'"));

        String id = starter.start("STG", RUN_DATE, "prod");

        assertThat(id)
                .isEqualTo("arn:aws:states:eu-west-1:123456789012:execution:switchyard-orchestrator:STG-2026-11-30");
    }

    @Test
    void shouldBuildTheExecutionArnInThePartitionAndWithoutTheAlias_whenTheStateMachineArnIsQualified() {
        StepFunctionsStarter aliased =
                new StepFunctionsStarter(client, "arn:aws-cn:states:cn-north-1:123456789012:stateMachine:orch:PROD");
        stepFunctions.answer(Response.error(400, "ExecutionAlreadyExists", "exists"));

        String id = aliased.start("RAW", RUN_DATE, null);

        assertThat(id).isEqualTo("arn:aws-cn:states:cn-north-1:123456789012:execution:orch:RAW-2026-11-30");
        assertThat(stepFunctions.onlyRequest().json().path("stateMachineArn").asText())
                .isEqualTo("arn:aws-cn:states:cn-north-1:123456789012:stateMachine:orch:PROD");
    }

    @Test
    void shouldThrowTransient_whenStepFunctionsThrottles() {
        stepFunctions.answer(Response.error(400, "ThrottlingException", "Rate exceeded"));

        assertThatThrownBy(() -> starter.start("STG", RUN_DATE, null))
                .isInstanceOf(TransientFailureException.class)
                .hasMessageContaining("STG-2026-11-30")
                .hasMessageContaining("ThrottlingException");
    }

    @Test
    void shouldThrowTransient_whenStepFunctionsFailsWith5xx() {
        stepFunctions.answer(Response.error(500, "InternalFailure", "internal error"));

        assertThatThrownBy(() -> starter.start("STG", RUN_DATE, null)).isInstanceOf(TransientFailureException.class);
    }

    @Test
    void shouldThrowTransient_whenTheAccountHasTooManyOpenExecutions() {
        stepFunctions.answer(Response.error(400, "ExecutionLimitExceeded", "Maximum number of running executions"));

        assertThatThrownBy(() -> starter.start("STG", RUN_DATE, null)).isInstanceOf(TransientFailureException.class);
    }

    @Test
    void shouldThrowIllegalState_whenTheStateMachineDoesNotExist() {
        stepFunctions.answer(Response.error(400, "StateMachineDoesNotExist", "State Machine Does Not Exist"));

        assertThatThrownBy(() -> starter.start("STG", RUN_DATE, null))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessageContaining(STATE_MACHINE)
                .hasMessageContaining("StateMachineDoesNotExist");
    }

    @Test
    void shouldRefuseAnArnThatIsNotAStateMachine() {
        assertThatThrownBy(
                        () -> new StepFunctionsStarter(client, "arn:aws:states:eu-west-1:123456789012:activity:worker"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("activity:worker");
        assertThatThrownBy(() -> new StepFunctionsStarter(client, "switchyard-orchestrator"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldStartAReRunAsAnExecutionOfItsOwn_thatThePlannerReadsAsARerun() throws Exception {
        String arn =
                "arn:aws:states:eu-west-1:123456789012:execution:switchyard-orchestrator:RAW-2026-11-30-rerun-1796040000";
        stepFunctions.answer(started(arn));

        String id = new StepFunctionsStarter(client, STATE_MACHINE, "switchyard-dashboard")
                .rerun("RAW", RUN_DATE, java.time.Instant.ofEpochSecond(1_796_040_000L));

        assertThat(id).isEqualTo(arn);
        JsonNode body = stepFunctions.onlyRequest().json();
        assertThat(body.path("name").asText()).isEqualTo("RAW-2026-11-30-rerun-1796040000");
        JsonNode input = dev.switchyard.contracts.Json.mapper()
                .readTree(body.path("input").asText());
        assertThat(input.path("Rerun").asBoolean()).isTrue();
        assertThat(input.path("TriggeredBy").asText()).isEqualTo("switchyard-dashboard");
        com.fasterxml.jackson.databind.node.ObjectNode task =
                dev.switchyard.contracts.Json.mapper().createObjectNode();
        task.set("Input", input);
        var request = dev.switchyard.contracts.orchestration.PlanRequest.fromJson(task);
        assertThat(request.rerun()).isTrue();
        assertThat(request.jobCategory()).isEqualTo("RAW");
    }

    @Test
    void shouldKeepAReRunsNameWithinEightyCharacters_withItsDate_whenTheCategoryIsLong() {
        stepFunctions.answer(
                started("arn:aws:states:eu-west-1:123456789012:execution:x:y"),
                started("arn:aws:states:eu-west-1:123456789012:execution:x:z"));
        java.time.Instant second = java.time.Instant.ofEpochSecond(1_796_040_000L);

        starter.rerun("C".repeat(70), RUN_DATE, second);
        starter.rerun("C".repeat(70), RUN_DATE.plusDays(1), second);

        String first = stepFunctions.requests().get(0).json().path("name").asText();
        String next = stepFunctions.requests().get(1).json().path("name").asText();
        assertThat(first)
                .hasSizeLessThanOrEqualTo(80)
                .endsWith("-2026-11-30-rerun-1796040000")
                .startsWith("CCCC");
        assertThat(next).hasSizeLessThanOrEqualTo(80).endsWith("-2026-12-01-rerun-1796040000");
    }

    private static Response started(String executionArn) {
        return Response.ok("{\"executionArn\": \"" + executionArn + "\", \"startDate\": 1796026200.123}");
    }
}
