package dev.switchyard.statemachine;

import static dev.switchyard.statemachine.Asl.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The Context Object ($$) as AWS fills it: execution, state machine and state. */
class ContextObjectTest {
    @Test
    void shouldDescribeTheExecutionTheStateMachineAndTheState() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-30T06:00:00Z"), ZoneOffset.UTC);
        LocalRunner runner = LocalRunner.builder().clock(clock).build();
        Definition definition = Asl.definition(Asl.single("""
                {"Type": "Pass", "Parameters": {
                  "id.$": "$$.Execution.Id", "name.$": "$$.Execution.Name", "start.$": "$$.Execution.StartTime",
                  "input.$": "$$.Execution.Input", "machine.$": "$$.StateMachine.Id",
                  "machineName.$": "$$.StateMachine.Name", "state.$": "$$.State.Name",
                  "entered.$": "$$.State.EnteredTime", "retries.$": "$$.State.RetryCount"},
                 "End": true}"""));

        JsonNode output =
                runner.execute(definition, Asl.ARN, "run-1", json("{\"a\": 1}")).output();

        assertThat(output).isEqualTo(json("""
                        {"id": "arn:aws:states:eu-west-1:123456789012:execution:switchyard:run-1",
                         "name": "run-1", "start": "2026-11-30T06:00:00.000Z", "input": {"a": 1},
                         "machine": "arn:aws:states:eu-west-1:123456789012:stateMachine:switchyard",
                         "machineName": "switchyard", "state": "X", "entered": "2026-11-30T06:00:00.000Z",
                         "retries": 0}"""));
    }

    @Test
    void shouldGiveTheBindingTheContextObject() {
        Asl.Harness harness = new Asl.Harness();
        harness.bind("r", call -> call.context().at("/State/Name"));

        ExecutionResult result =
                harness.run(Asl.single("{\"Type\": \"Task\", \"Resource\": \"r\", \"End\": true}"), "{}");

        assertThat(result.output()).isEqualTo(json("\"X\""));
    }

    @Test
    void shouldReportStartAndEndTimes_fromTheClock() {
        ExecutionResult result = new Asl.Harness().run(Asl.single("{\"Type\": \"Succeed\"}"), "{}");

        assertThat(result.startTime()).isEqualTo(Asl.NOW);
        assertThat(result.endTime()).isEqualTo(Asl.NOW);
    }
}
