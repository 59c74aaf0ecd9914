package dev.switchyard.statemachine;

import static dev.switchyard.statemachine.Asl.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Inline Map states: items, selectors, bounded concurrency, ordering, failures, retries and billing. */
class MapStateTest {
    private static final String FN = "arn:aws:lambda:eu-west-1:123456789012:function:item";

    private final Asl.Harness harness = new Asl.Harness();

    /** A Map named M over $.items whose iteration is one Task state T, with extra Map fields. */
    private static String map(String mapFields) {
        return """
                {"StartAt": "M", "States": {
                  "M": {"Type": "Map", "ItemsPath": "$.items", %s
                        "ItemProcessor": {"StartAt": "T", "States": {
                          "T": {"Type": "Task", "Resource": "%s", "End": true}}},
                        "End": true}}}""".formatted(mapFields, FN);
    }

    private static String items(int count) {
        StringBuilder items = new StringBuilder("{\"items\": [");
        for (int i = 0; i < count; i++) {
            items.append(i == 0 ? "" : ",").append(i);
        }
        return items.append("], \"limit\": 3}").toString();
    }

    /**
     * Each call waits until {@code limit} calls are in flight at once (proving the runner reaches the limit), and the
     * peak counter proves it never goes above it.
     */
    private AtomicInteger boundByBarrier(int limit) {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        CountDownLatch allArrived = new CountDownLatch(limit);
        harness.bind(FN, call -> {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                allArrived.countDown();
                if (!allArrived.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("fewer than " + limit + " iterations ever ran at once");
                }
                Thread.sleep(5);
                return call.input();
            } finally {
                running.decrementAndGet();
            }
        });
        return peak;
    }

    @Test
    void shouldRunAtMostMaxConcurrencyIterationsAtOnce_andReachIt() {
        AtomicInteger peak = boundByBarrier(3);

        ExecutionResult result = harness.run(map("\"MaxConcurrency\": 3,"), items(12));

        assertThat(result.error()).as("cause %s", result.cause()).isNull();
        assertThat(peak).hasValue(3);
    }

    @Test
    void shouldTakeTheLimitFromTheInput_whenMaxConcurrencyPathIsGiven() {
        AtomicInteger peak = boundByBarrier(3);

        ExecutionResult result = harness.run(map("\"MaxConcurrencyPath\": \"$.limit\","), items(12));

        assertThat(result.error()).as("cause %s", result.cause()).isNull();
        assertThat(peak).hasValue(3);
    }

    @Test
    void shouldRunAllIterationsAtOnce_whenMaxConcurrencyIsZero() {
        AtomicInteger peak = boundByBarrier(12);

        harness.run(map("\"MaxConcurrency\": 0,"), items(12));

        assertThat(peak).hasValue(12);
    }

    @Test
    void shouldHoldToTheRunnersCap_whenMaxConcurrencyIsZeroOrAbove() {
        harness.concurrencyCap = 4;
        AtomicInteger peak = boundByBarrier(4);

        ExecutionResult unlimited = harness.run(map("\"MaxConcurrency\": 0,"), items(12));
        ExecutionResult above = harness.run(map("\"MaxConcurrency\": 10,"), items(12));

        assertThat(unlimited.error()).as("cause %s", unlimited.cause()).isNull();
        assertThat(above.error()).as("cause %s", above.cause()).isNull();
        assertThat(peak).hasValue(4);
    }

    @Test
    void shouldRunOneIterationAtATimeInItemOrder_whenMaxConcurrencyIsOne() {
        List<Integer> order = new CopyOnWriteArrayList<>();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        harness.bind(FN, call -> {
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            order.add(call.input().intValue());
            Thread.sleep(2);
            running.decrementAndGet();
            return call.input();
        });

        harness.run(map("\"MaxConcurrency\": 1,"), items(8));

        assertThat(order).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(peak).hasValue(1);
    }

    @Test
    void shouldKeepResultsInItemOrder_whenLaterItemsFinishFirst() {
        harness.bind(FN, call -> {
            Thread.sleep(Duration.ofMillis(10L * (5 - call.input().intValue())));
            return json("{\"item\": " + call.input() + "}");
        });

        ExecutionResult result = harness.run(map(""), items(5));

        assertThat(result.output())
                .isEqualTo(json("[{\"item\": 0}, {\"item\": 1}, {\"item\": 2}, {\"item\": 3}, {\"item\": 4}]"));
    }

    @Test
    void shouldBillTheMapStateOncePlusEachStateOfEachIteration() {
        harness.answer(FN, "{}");

        ExecutionResult result = harness.run(map(""), "{\"items\": [1, 2]}");

        assertThat(result.stateTransitions()).isEqualTo(3);
        assertThat(result.transitionsByState()).containsExactly(Map.entry("M", 1L), Map.entry("M > T", 2L));
    }

    @Test
    void shouldFailTheMapWithTheIterationsError_andStopTheOtherIterations() throws Exception {
        CountDownLatch othersInterrupted = new CountDownLatch(2);
        harness.bind(FN, call -> {
            if (call.input().intValue() == 1) {
                Thread.sleep(50);
                throw new TaskFailedException("Item.Failed", "item 1");
            }
            try {
                Thread.sleep(Duration.ofMinutes(1));
            } catch (InterruptedException e) {
                othersInterrupted.countDown();
                throw e;
            }
            return call.input();
        });

        ExecutionResult result = harness.run(map(""), "{\"items\": [0, 1, 2]}");

        assertThat(result.error()).isEqualTo("Item.Failed");
        assertThat(result.cause()).isEqualTo("item 1");
        assertThat(othersInterrupted.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void shouldLetTheMapCatchAnIterationsError() {
        harness.bind(FN, call -> {
            throw new TaskFailedException("Item.Failed", "item " + call.input());
        });
        String definition = """
                {"StartAt": "M", "States": {
                  "M": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 1,
                        "ItemProcessor": {"StartAt": "T", "States": {
                          "T": {"Type": "Task", "Resource": "%s", "End": true}}},
                        "Catch": [{"ErrorEquals": ["Item.Failed"], "ResultPath": "$.error", "Next": "Handled"}],
                        "End": true},
                  "Handled": {"Type": "Pass", "End": true}}}""".formatted(FN);

        ExecutionResult result = harness.run(definition, "{\"items\": [7, 8]}");

        assertThat(result.output())
                .isEqualTo(json("{\"items\": [7, 8], \"error\": {\"Error\": \"Item.Failed\", \"Cause\": \"item 7\"}}"));
    }

    @Test
    void shouldSucceed_whenEachFailureIsCaughtInsideItsIteration() {
        harness.bind(FN, call -> {
            if (call.input().intValue() % 2 == 1) {
                throw new TaskFailedException("States.TaskFailed", "odd");
            }
            return json("\"ok\"");
        });
        String definition = """
                {"StartAt": "M", "States": {
                  "M": {"Type": "Map", "ItemsPath": "$.items",
                        "ItemProcessor": {"StartAt": "T", "States": {
                          "T": {"Type": "Task", "Resource": "%s", "End": true,
                                "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Caught"}]},
                          "Caught": {"Type": "Pass", "Parameters": {"failed.$": "$.Error"}, "End": true}}},
                        "End": true}}}""".formatted(FN);

        ExecutionResult result = harness.run(definition, "{\"items\": [0, 1, 2]}");

        assertThat(result.output()).isEqualTo(json("[\"ok\", {\"failed\": \"States.TaskFailed\"}, \"ok\"]"));
        assertThat(result.transitionsByState())
                .containsExactly(Map.entry("M", 1L), Map.entry("M > T", 3L), Map.entry("M > Caught", 1L));
    }

    @Test
    void shouldRerunEveryIteration_whenTheMapIsRetried() {
        AtomicInteger calls = new AtomicInteger();
        harness.bind(FN, call -> {
            int n = calls.incrementAndGet();
            if (n == 2) {
                throw new TaskFailedException("Flaky", "second call");
            }
            return call.input();
        });

        ExecutionResult result = harness.run(
                map("\"MaxConcurrency\": 1, \"Retry\": [{\"ErrorEquals\": [\"Flaky\"]}],"), "{\"items\": [1, 2, 3]}");

        assertThat(result.output()).isEqualTo(json("[1, 2, 3]"));
        assertThat(calls).hasValue(5);
        assertThat(result.transitionsByState()).containsExactly(Map.entry("M", 2L), Map.entry("M > T", 5L));
    }

    @Test
    void shouldRunTheSpecsValidateAllExample_withInputPathItemSelectorAndResultPath() {
        List<JsonNode> received = new CopyOnWriteArrayList<>();
        harness.bind("arn:aws:lambda:us-east-1:123456789012:function:ship-val", call -> {
            received.add(call.input());
            return json("{\"valid\": " + call.input().at("/parcel/quantity") + "}");
        });
        String definition = """
                {"StartAt": "Validate-All", "States": {
                  "Validate-All": {
                    "Type": "Map",
                    "InputPath": "$.detail",
                    "ItemsPath": "$.shipped",
                    "MaxConcurrency": 0,
                    "ItemSelector": { "parcel.$": "$$.Map.Item.Value", "courier.$": "$.delivery-partner" },
                    "ItemProcessor": { "StartAt": "Validate", "States": { "Validate": { "Type": "Task",
                        "Resource": "arn:aws:lambda:us-east-1:123456789012:function:ship-val", "End": true } } },
                    "ResultPath": "$.detail.shipped",
                    "End": true }}}""";
        String input = """
                { "ship-date": "2016-03-14T01:59:00Z",
                  "detail": { "delivery-partner": "UQS",
                    "shipped": [ { "prod": "R31", "dest-code": 9511, "quantity": 1344 },
                                 { "prod": "S39", "dest-code": 9511, "quantity": 40 },
                                 { "prod": "R31", "dest-code": 9833, "quantity": 12 },
                                 { "prod": "R40", "dest-code": 9860, "quantity": 887 },
                                 { "prod": "R40", "dest-code": 9511, "quantity": 1220 } ] } }""";

        ExecutionResult result = harness.run(definition, input);

        assertThat(received)
                .contains(json("{ \"parcel\": { \"prod\": \"R31\", \"dest-code\": 9511, \"quantity\": 1344 }, "
                        + "\"courier\": \"UQS\" }"));
        assertThat(result.output()).isEqualTo(json("""
                        { "ship-date": "2016-03-14T01:59:00Z",
                          "detail": { "delivery-partner": "UQS",
                            "shipped": [ {"valid": 1344}, {"valid": 40}, {"valid": 12}, {"valid": 887}, {"valid": 1220} ] } }"""));
    }

    @Test
    void shouldRunEachItemThroughADeprecatedIterator_withParametersAndTheItemIndex() {
        String definition = """
                {"StartAt": "SayAll", "States": {
                  "SayAll": {"Type": "Map", "ItemsPath": "$.ThingsPiratesSay",
                    "Parameters": {"word.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index"},
                    "Iterator": {"StartAt": "SayWord", "States": {"SayWord": {"Type": "Pass", "End": true}}},
                    "End": true}}}""";

        ExecutionResult result = harness.run(
                definition,
                "{\"ThingsPiratesSay\": [\"avast\", \"yar\", \"arr\"], \"ThingsGiantsSay\": [\"fee\", \"fi\", \"fo\", \"fum\"]}");

        assertThat(result.output())
                .isEqualTo(json("[{\"word\": \"avast\", \"index\": 0}, {\"word\": \"yar\", \"index\": 1},"
                        + " {\"word\": \"arr\", \"index\": 2}]"));
        assertThat(result.transitionsByState()).containsEntry("SayAll > SayWord", 3L);
    }

    @Test
    void shouldFailWithStatesRuntime_whenItemsPathSelectsNoArray() {
        harness.answer(FN, "{}");

        assertThat(harness.run(map(""), "{\"items\": {\"a\": 1}}").error()).isEqualTo("States.Runtime");
        assertThat(harness.run(map(""), "{}").error()).isEqualTo("States.Runtime");
    }

    @Test
    void shouldOutputAnEmptyArray_whenThereAreNoItems() {
        harness.answer(FN, "{}");

        ExecutionResult result = harness.run(map(""), "{\"items\": []}");

        assertThat(result.output()).isEqualTo(json("[]"));
        assertThat(result.stateTransitions()).isEqualTo(1);
    }

    @Test
    void shouldTellTheListenerWhenEachIterationStartsAndEnds() {
        harness.answer(FN, "{}");
        List<String> events = new CopyOnWriteArrayList<>();
        harness.listener = new ExecutionListener() {
            @Override
            public void mapIterationStarted(String mapState, int index) {
                events.add("start " + mapState + " " + index);
            }

            @Override
            public void mapIterationFinished(String mapState, int index) {
                events.add("end " + mapState + " " + index);
            }
        };

        harness.run(map("\"MaxConcurrency\": 1,"), "{\"items\": [1, 2]}");

        assertThat(events).containsExactly("start M 0", "end M 0", "start M 1", "end M 1");
    }
}
