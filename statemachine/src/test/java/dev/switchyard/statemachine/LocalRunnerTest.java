package dev.switchyard.statemachine;

import static dev.switchyard.statemachine.Asl.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The runner as a whole: several executions at once, a large Map, interruption, and progress callbacks. */
class LocalRunnerTest {
    private static final String FN = "arn:aws:lambda:eu-west-1:123456789012:function:double";
    private static final String DOUBLE_ALL = """
            {"StartAt": "M", "States": {
              "M": {"Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 4,
                    "ItemProcessor": {"StartAt": "T", "States": {
                      "T": {"Type": "Task", "Resource": "%s", "End": true}}},
                    "End": true}}}""".formatted(FN);

    @Test
    void shouldKeepConcurrentExecutionsApart_whenOneRunnerRunsThem() throws Exception {
        Asl.Harness harness = new Asl.Harness().bind(FN, call -> {
            Thread.sleep(1);
            return json(String.valueOf(call.input().intValue() * 2));
        });
        LocalRunner runner = harness.runner();
        Definition definition = Asl.definition(DOUBLE_ALL);
        List<Future<ExecutionResult>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int e = 0; e < 8; e++) {
                int size = e + 1;
                results.add(pool.submit(() -> runner.execute(definition, Asl.ARN, "run-" + size, items(size))));
            }
            for (int e = 0; e < 8; e++) {
                ExecutionResult result = results.get(e).get(30, TimeUnit.SECONDS);
                int size = e + 1;
                assertThat(result.stateTransitions()).isEqualTo(1 + size);
                ArrayNode expected = Json.NODES.arrayNode();
                for (int i = 0; i < size; i++) {
                    expected.add(i * 2);
                }
                assertThat(result.output()).isEqualTo(expected);
            }
        }
    }

    private static JsonNode items(int count) {
        ArrayNode items = Json.NODES.arrayNode();
        for (int i = 0; i < count; i++) {
            items.add(i);
        }
        return Json.NODES.objectNode().set("items", items);
    }

    @Test
    void shouldRunAFiveThousandItemMap_billingOneTransitionPerIterationState() {
        String definition = """
                {"StartAt": "M", "States": {
                  "M": {"Type": "Map", "ItemsPath": "$.items",
                        "ItemSelector": {"n.$": "$$.Map.Item.Value", "i.$": "$$.Map.Item.Index"},
                        "ItemProcessor": {"StartAt": "P", "States": {
                          "P": {"Type": "Pass", "OutputPath": "$.i", "End": true}}},
                        "End": true}}}""";

        ExecutionResult result =
                new Asl.Harness().runner().execute(Asl.definition(definition), Asl.ARN, "big", items(5_000));

        assertThat(result.stateTransitions()).isEqualTo(5_001);
        assertThat(result.output()).hasSize(5_000);
        assertThat(result.output().get(4_999).intValue()).isEqualTo(4_999);
        assertThat(result.largestPayloadState()).isEqualTo("M");
    }

    @Test
    void shouldEndFailedAndKeepTheInterruptFlag_whenTheExecutingThreadIsInterrupted() throws Exception {
        CountDownLatch called = new CountDownLatch(1);
        Asl.Harness harness = new Asl.Harness().bind(FN, call -> {
            called.countDown();
            Thread.sleep(Duration.ofMinutes(1));
            return call.input();
        });
        AtomicReference<ExecutionResult> result = new AtomicReference<>();
        AtomicBoolean flagKept = new AtomicBoolean();
        Thread thread = Thread.ofVirtual().start(() -> {
            result.set(harness.runner().execute(Asl.definition(DOUBLE_ALL), Asl.ARN, "stopped", items(2)));
            flagKept.set(Thread.currentThread().isInterrupted());
        });

        assertThat(called.await(10, TimeUnit.SECONDS)).isTrue();
        thread.interrupt();
        thread.join(Duration.ofSeconds(10));

        assertThat(result.get().status()).isEqualTo(ExecutionResult.Status.FAILED);
        assertThat(result.get().error()).isEqualTo("States.Runtime");
        assertThat(flagKept).isTrue();
    }

    @Test
    void shouldTellTheListenerOfEachStateEnteredAndExited_withItsPath() {
        List<String> events = new CopyOnWriteArrayList<>();
        Asl.Harness harness = new Asl.Harness().bind(FN, call -> json("1"));
        harness.listener = new ExecutionListener() {
            @Override
            public void stateEntered(String path, String name, JsonNode input) {
                events.add("enter " + path + " (" + name + ") " + input);
            }

            @Override
            public void stateExited(String path, String name, JsonNode output) {
                events.add("exit " + path + " " + output);
            }
        };

        harness.run(DOUBLE_ALL, "{\"items\": [5]}");

        assertThat(events)
                .containsExactly("enter M (M) {\"items\":[5]}", "enter M > T (T) 5", "exit M > T 1", "exit M [1]");
    }
}
