package dev.switchyard.statemachine;

import static dev.switchyard.statemachine.Asl.json;
import static dev.switchyard.statemachine.Asl.seconds;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Retry and Catch as asl-io-examples.md §11, §15–§17 describe them, and the billing of retries. */
class ErrorHandlingTest {
    private static final String FN = "arn:aws:lambda:eu-west-1:123456789012:function:work";

    private final Asl.Harness harness = new Asl.Harness();
    private final AtomicInteger calls = new AtomicInteger();

    /**
     * X is a Task with the given Retry/Catch and Done the state after it; Z, a Pass state for a catcher to go to, is
     * there only when a catcher names it, as AWS refuses a state that nothing reaches.
     */
    private static String machine(String errorFields) {
        return """
                {"StartAt": "X", "States": {
                  "X": {"Type": "Task", "Resource": "%s", %s "Next": "Done"},
                  %s
                  "Done": {"Type": "Pass", "End": true}}}""".formatted(
                FN, errorFields, errorFields.contains("\"Z\"") ? "\"Z\": {\"Type\": \"Pass\", \"End\": true}," : "");
    }

    /** The fake fails with these errors in turn, then answers {"ok": true}. */
    private void failWith(String... errors) {
        Deque<String> left = new ArrayDeque<>(List.of(errors));
        harness.bind(FN, call -> {
            calls.incrementAndGet();
            String error = left.poll();
            if (error != null) {
                throw new TaskFailedException(error, "failed with " + error);
            }
            return json("{\"ok\": true}");
        });
    }

    private void alwaysFailWith(String error) {
        harness.bind(FN, call -> {
            calls.incrementAndGet();
            throw new TaskFailedException(error, "always " + error);
        });
    }

    @Test
    void shouldWaitThreeThenSixSeconds_whenRetryingTwiceWithBackoffTwo() {
        alwaysFailWith("States.Timeout");

        ExecutionResult result = harness.run(
                machine("\"Retry\": [{\"ErrorEquals\": [\"States.Timeout\"], \"IntervalSeconds\": 3, "
                        + "\"MaxAttempts\": 2, \"BackoffRate\": 2.0}],"),
                "{}");

        assertThat(harness.sleeper.waits()).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(6));
        assertThat(calls).hasValue(3);
        assertThat(result.error()).isEqualTo("States.Timeout");
        assertThat(result.stateTransitions())
                .as("X entered once and retried twice")
                .isEqualTo(3);
        assertThat(result.transitionsByState()).containsExactly(Map.entry("X", 3L));
    }

    @Test
    void shouldCapTheSecondWaitAtFourSeconds_whenMaxDelaySecondsIsFour() {
        alwaysFailWith("States.Timeout");

        harness.run(
                machine("\"Retry\": [{\"ErrorEquals\": [\"States.Timeout\"], \"IntervalSeconds\": 3, "
                        + "\"MaxAttempts\": 2, \"BackoffRate\": 2.0, \"MaxDelaySeconds\": 4}],"),
                "{}");

        assertThat(harness.sleeper.waits()).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(4));
    }

    @Test
    void shouldWaitThreeThenFourAndAHalfSeconds_whenBackoffRateIsOnePointFive() {
        alwaysFailWith("Any.Error");

        harness.run(
                machine("\"Retry\": [{\"ErrorEquals\": [\"States.ALL\"], \"IntervalSeconds\": 3, "
                        + "\"MaxAttempts\": 2, \"BackoffRate\": 1.5}],"),
                "{}");

        assertThat(harness.sleeper.waits()).containsExactly(seconds(3), seconds(4.5));
    }

    @Test
    void shouldRetryThreeTimesAfterOneTwoAndFourSeconds_whenTheRetrierUsesTheDefaults() {
        alwaysFailWith("Any.Error");

        ExecutionResult result = harness.run(machine("\"Retry\": [{\"ErrorEquals\": [\"States.ALL\"]}],"), "{}");

        assertThat(harness.sleeper.waits()).containsExactly(seconds(1), seconds(2), seconds(4));
        assertThat(calls).hasValue(4);
        assertThat(result.stateTransitions()).isEqualTo(4);
    }

    @Test
    void shouldDrawEachWaitFromZeroToTheNominalDelay_whenJitterIsFull() {
        alwaysFailWith("Any.Error");
        harness.seed = 7;

        harness.run(
                machine("\"Retry\": [{\"ErrorEquals\": [\"States.ALL\"], \"IntervalSeconds\": 2, "
                        + "\"MaxAttempts\": 2, \"BackoffRate\": 2.0, \"JitterStrategy\": \"FULL\"}],"),
                "{}");

        SplittableRandom same = new SplittableRandom(7);
        Duration first = seconds(same.nextDouble() * 2);
        Duration second = seconds(same.nextDouble() * 4);
        assertThat(harness.sleeper.waits()).containsExactly(first, second);
        assertThat(first).isBetween(Duration.ZERO, seconds(2)).isNotEqualTo(seconds(2));
        assertThat(second).isBetween(Duration.ZERO, seconds(4)).isNotEqualTo(seconds(4));
    }

    @Test
    void shouldWaitTheNominalDelay_whenJitterIsNone() {
        alwaysFailWith("Any.Error");

        harness.run(
                machine("\"Retry\": [{\"ErrorEquals\": [\"States.ALL\"], \"IntervalSeconds\": 2, "
                        + "\"MaxAttempts\": 2, \"JitterStrategy\": \"NONE\"}],"),
                "{}");

        assertThat(harness.sleeper.waits()).containsExactly(seconds(2), seconds(4));
    }

    @Test
    void shouldShareARetriersBudgetAcrossItsErrors_andCatchWhenItRunsOut() {
        failWith("ErrorA", "ErrorB", "ErrorC", "ErrorB");

        ExecutionResult result = harness.run(machine("""
                        "Retry": [
                          {"ErrorEquals": ["ErrorA", "ErrorB"], "IntervalSeconds": 1, "BackoffRate": 2, "MaxAttempts": 2},
                          {"ErrorEquals": ["ErrorC"], "IntervalSeconds": 5}],
                        "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Z"}],"""), "{}");

        assertThat(harness.sleeper.waits()).containsExactly(seconds(1), seconds(2), seconds(5));
        assertThat(result.output()).isEqualTo(json("{\"Error\": \"ErrorB\", \"Cause\": \"failed with ErrorB\"}"));
        assertThat(result.transitionsByState()).containsExactly(Map.entry("X", 4L), Map.entry("Z", 1L));
    }

    @Test
    void shouldRetryEverythingButTimeouts_whenAZeroAttemptRetrierComesFirst() {
        String retry = "\"Retry\": [{\"ErrorEquals\": [\"States.Timeout\"], \"MaxAttempts\": 0}, "
                + "{\"ErrorEquals\": [\"States.ALL\"]}],";
        alwaysFailWith("States.Timeout");
        ExecutionResult timedOut = harness.run(machine(retry), "{}");

        assertThat(timedOut.error()).isEqualTo("States.Timeout");
        assertThat(calls).hasValue(1);
        assertThat(harness.sleeper.waits()).isEmpty();

        failWith("Other.Error");
        ExecutionResult other = harness.run(machine(retry), "{}");

        assertThat(other.succeeded()).isTrue();
        assertThat(harness.sleeper.waits()).containsExactly(seconds(1));
    }

    @Test
    void shouldNotMatchStatesTimeout_whenCatchingStatesTaskFailed() {
        alwaysFailWith("States.Timeout");

        ExecutionResult result =
                harness.run(machine("\"Catch\": [{\"ErrorEquals\": [\"States.TaskFailed\"], \"Next\": \"Z\"}],"), "{}");

        assertThat(result.status()).isEqualTo(ExecutionResult.Status.FAILED);
        assertThat(result.error()).isEqualTo("States.Timeout");
    }

    @Test
    void shouldMatchAnyOtherError_whenCatchingStatesTaskFailed() {
        alwaysFailWith("Glue.ConcurrentRunsExceededException");

        ExecutionResult result =
                harness.run(machine("\"Catch\": [{\"ErrorEquals\": [\"States.TaskFailed\"], \"Next\": \"Z\"}],"), "{}");

        assertThat(result.succeeded()).isTrue();
        assertThat(result.output().get("Error").textValue()).isEqualTo("Glue.ConcurrentRunsExceededException");
    }

    @Test
    void shouldGoToTheFirstMatchingCatcher_inArrayOrder() {
        alwaysFailWith("Custom.Error");

        ExecutionResult result = harness.run(machine("""
                        "Catch": [{"ErrorEquals": ["Other.Error"], "Next": "Done"},
                                  {"ErrorEquals": ["Custom.Error"], "Next": "Z"},
                                  {"ErrorEquals": ["States.ALL"], "Next": "Done"}],"""), "{}");

        assertThat(result.transitionsByState()).containsKeys("X", "Z").doesNotContainKey("Done");
    }

    @Test
    void shouldMergeTheErrorOutputIntoTheInput_whenTheCatcherHasAResultPath() {
        alwaysFailWith("Error here");

        ExecutionResult result = harness.run(
                machine(
                        "\"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"Z\", \"ResultPath\": \"$.error\"}],"),
                "{\"foo\": \"bar\"}");

        assertThat(result.output())
                .isEqualTo(
                        json(
                                "{\"foo\": \"bar\", \"error\": {\"Error\": \"Error here\", \"Cause\": \"always Error here\"}}"));
    }

    @Test
    void shouldNotCatchStatesRuntime_evenWithRetryAndCatchOnStatesAll() {
        failWith();

        ExecutionResult result = harness.run(machine("""
                        "InputPath": "$.missing",
                        "Retry": [{"ErrorEquals": ["States.ALL"]}],
                        "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Z"}],"""), "{\"present\": 1}");

        assertThat(result.error()).isEqualTo("States.Runtime");
        assertThat(result.cause()).contains("$.missing");
        assertThat(harness.sleeper.waits()).isEmpty();
        assertThat(calls).hasValue(0);
    }

    @Test
    void shouldNotCatchDataLimitExceeded_whenATaskReturnsMoreThan256KB() {
        harness.bind(FN, call -> json("\"" + "x".repeat(262_144) + "\""));

        ExecutionResult result = harness.run(machine("""
                        "Retry": [{"ErrorEquals": ["States.ALL"]}],
                        "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Z"}],"""), "{}");

        assertThat(result.error()).isEqualTo("States.DataLimitExceeded");
        assertThat(result.largestPayloadBytes()).isEqualTo(262_146);
        assertThat(result.largestPayloadState()).isEqualTo("X");
        assertThat(harness.sleeper.waits()).isEmpty();
    }

    @Test
    void shouldAcceptAPayloadOfExactly256KB() {
        // A JSON string of 262,142 characters plus its two quotes is exactly the limit.
        harness.bind(FN, call -> json("\"" + "x".repeat(262_142) + "\""));

        ExecutionResult result = harness.run(machine(""), "{}");

        assertThat(result.succeeded()).isTrue();
        assertThat(result.largestPayloadBytes()).isEqualTo(262_144);
    }

    @Test
    void shouldCountPayloadsInUtf8Bytes_notCharacters() {
        harness.bind(FN, call -> json("\"" + "é".repeat(131_072) + "\""));

        ExecutionResult result = harness.run(machine(""), "{}");

        assertThat(result.error()).isEqualTo("States.DataLimitExceeded");
        assertThat(result.largestPayloadBytes()).isEqualTo(262_146);
    }

    @Test
    void shouldReportTheExceptionClassAsTheError_whenABindingThrowsARuntimeException() {
        harness.bind(FN, call -> {
            throw new IllegalStateException("the job table is empty");
        });

        ExecutionResult result = harness.run(machine(""), "{}");

        assertThat(result.error()).isEqualTo("java.lang.IllegalStateException");
        assertThat(result.cause()).isEqualTo("the job table is empty");
    }

    @Test
    void shouldFailWithStatesTimeoutAndInterruptTheBinding_whenItRunsLongerThanTimeoutSeconds() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        harness.bind(FN, call -> {
            try {
                Thread.sleep(Duration.ofMinutes(1));
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
            return json("{}");
        });

        ExecutionResult result = harness.run(machine("\"TimeoutSeconds\": 1,"), "{}");

        assertThat(result.error()).isEqualTo("States.Timeout");
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void shouldResetTheRetryCounters_whenTheStateIsLeftAndEnteredAgain() {
        String loop = """
                {"StartAt": "X", "States": {
                  "X": {"Type": "Task", "Resource": "%s", "ResultPath": "$.result",
                        "Retry": [{"ErrorEquals": ["Flaky"], "MaxAttempts": 1}], "Next": "Again"},
                  "Again": {"Type": "Pass", "Result": true, "ResultPath": "$.again", "Next": "Loop"},
                  "Loop": {"Type": "Choice", "Choices": [
                      {"Variable": "$.again", "BooleanEquals": true, "Next": "Twice"}]},
                  "Twice": {"Type": "Choice", "Choices": [
                      {"Variable": "$.visits", "IsPresent": true, "Next": "Done"}],
                    "Default": "Visit"},
                  "Visit": {"Type": "Pass", "Result": 2, "ResultPath": "$.visits", "Next": "X"},
                  "Done": {"Type": "Succeed"}}}""".formatted(FN);
        // Fail once per visit: the second failure comes after the first success.
        Deque<String> plan = new ArrayDeque<>(List.of("Flaky", "ok", "Flaky", "ok"));
        harness.bind(FN, call -> {
            if (plan.poll().equals("Flaky")) {
                throw new TaskFailedException("Flaky", "once per visit");
            }
            return json("{}");
        });

        ExecutionResult result = harness.run(loop, "{}");

        assertThat(result.succeeded()).as("cause %s", result.cause()).isTrue();
        assertThat(harness.sleeper.waits()).containsExactly(seconds(1), seconds(1));
        assertThat(result.transitionsByState()).containsEntry("X", 4L);
    }

    @Test
    void shouldTellTheBindingTheAttempt_andTheContextObjectTheRetryCount() {
        List<String> seen = new CopyOnWriteArrayList<>();
        harness.bind(FN, call -> {
            seen.add(call.attempt() + "/"
                    + call.context().at("/State/RetryCount").intValue());
            if (call.attempt() < 3) {
                throw new TaskFailedException("Again", null);
            }
            return json("{}");
        });

        harness.run(machine("\"Retry\": [{\"ErrorEquals\": [\"Again\"]}],"), "{}");

        assertThat(seen).containsExactly("1/0", "2/1", "3/2");
    }

    @Test
    void shouldTellTheListenerOfEachFailureAndRetry() {
        alwaysFailWith("Any.Error");
        List<String> events = new CopyOnWriteArrayList<>();
        harness.listener = new ExecutionListener() {
            @Override
            public void taskFailed(String state, String error, String cause) {
                events.add("failed " + state + " " + error);
            }

            @Override
            public void retrying(String state, String error, int attempt, Duration delay) {
                events.add("retry " + attempt + " after " + delay.toSeconds());
            }
        };

        harness.run(machine("\"Retry\": [{\"ErrorEquals\": [\"States.ALL\"], \"MaxAttempts\": 1}],"), "{}");

        assertThat(events).containsExactly("failed X Any.Error", "retry 1 after 1", "failed X Any.Error");
    }

    @Test
    void shouldFailWithNoChoiceMatched_whenNoRuleMatchesAndThereIsNoDefault() {
        String choice = Asl.single("{\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.n\", "
                + "\"NumericEquals\": 1, \"Next\": \"X\"}]}");

        ExecutionResult result = harness.run(choice, "{\"n\": 2}");

        assertThat(result.error()).isEqualTo("States.NoChoiceMatched");
    }

    @Test
    void shouldEndTheExecutionWithTheFailStatesErrorAndCause() {
        ExecutionResult result = harness.run(
                Asl.single("{\"Type\": \"Fail\", \"Error\": \"Custom.Failure\", \"Cause\": \"it broke\"}"), "{}");

        assertThat(result.status()).isEqualTo(ExecutionResult.Status.FAILED);
        assertThat(result.output()).isNull();
        assertThat(result.error()).isEqualTo("Custom.Failure");
        assertThat(result.cause()).isEqualTo("it broke");
        assertThat(result.stateTransitions()).isEqualTo(1);
    }

    @Test
    void shouldTakeTheFailStatesErrorAndCauseFromPaths() {
        ExecutionResult result = harness.run(
                Asl.single(
                        "{\"Type\": \"Fail\", \"ErrorPath\": \"$.e\", \"CausePath\": \"States.Format('n={}', $.n)\"}"),
                "{\"e\": \"From.Input\", \"n\": 3}");

        assertThat(result.error()).isEqualTo("From.Input");
        assertThat(result.cause()).isEqualTo("n=3");
    }
}
