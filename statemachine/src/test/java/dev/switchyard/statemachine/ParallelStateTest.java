package dev.switchyard.statemachine;

import static dev.switchyard.statemachine.Asl.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parallel states: every branch gets the same input; the result is an array in Branches order. */
class ParallelStateTest {
    private static final String ADD = "arn:aws:lambda:us-east-1:123456789012:function:Add";
    private static final String SUBTRACT = "arn:aws:lambda:us-east-1:123456789012:function:Subtract";
    private static final String FUN_WITH_MATH = """
            {"StartAt": "FunWithMath", "States": {
              "FunWithMath": {"Type": "Parallel", "Branches": [
                  {"StartAt": "Add", "States": {"Add": {"Type": "Task", "Resource": "%s", "End": true}}},
                  {"StartAt": "Subtract", "States": {"Subtract": {"Type": "Task", "Resource": "%s", "End": true}}}],
                "End": true}}}""".formatted(ADD, SUBTRACT);

    private final Asl.Harness harness = new Asl.Harness();

    @Test
    void shouldGiveEachBranchTheInput_andCollectTheResultsInBranchOrder() {
        harness.bind(
                        ADD,
                        call -> json(String.valueOf(call.input().get(0).intValue()
                                + call.input().get(1).intValue())))
                .bind(SUBTRACT, call -> {
                    Thread.sleep(20);
                    return json(String.valueOf(
                            call.input().get(0).intValue() - call.input().get(1).intValue()));
                });

        ExecutionResult result = harness.run(FUN_WITH_MATH, "[3, 2]");

        assertThat(result.output()).isEqualTo(json("[5, 1]"));
        assertThat(result.transitionsByState())
                .containsOnly(
                        Map.entry("FunWithMath", 1L),
                        Map.entry("FunWithMath > Add", 1L),
                        Map.entry("FunWithMath > Subtract", 1L));
    }

    @Test
    void shouldFailTheParallelState_whenABranchFails() {
        harness.answer(ADD, "1").bind(SUBTRACT, call -> {
            throw new TaskFailedException("Math.Error", "cannot subtract");
        });

        ExecutionResult result = harness.run(FUN_WITH_MATH, "[3, 2]");

        assertThat(result.error()).isEqualTo("Math.Error");
        assertThat(result.cause()).isEqualTo("cannot subtract");
    }
}
