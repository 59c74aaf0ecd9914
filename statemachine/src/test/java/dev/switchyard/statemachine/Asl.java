package dev.switchyard.statemachine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/** Test fixtures: JSON from text blocks, one-state machines, a recording sleeper and a runner wired with fakes. */
final class Asl {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String ARN = "arn:aws:states:eu-west-1:123456789012:stateMachine:switchyard";
    static final Instant NOW = Instant.parse("2026-11-30T06:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private Asl() {}

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    static Definition definition(String json) {
        return Definition.parse(json(json), Map.of());
    }

    /** A state machine of one state, named X, whose JSON is given. */
    static String single(String state) {
        return "{\"StartAt\": \"X\", \"States\": {\"X\": " + state + "}}";
    }

    /** Records each wait instead of sleeping. */
    static final class RecordingSleeper implements Sleeper {
        private final List<Duration> waits = new ArrayList<>();

        @Override
        public synchronized void sleep(Duration duration) {
            waits.add(duration);
        }

        synchronized List<Duration> waits() {
            return List.copyOf(waits);
        }
    }

    /** A runner with a recording sleeper, a fixed clock and a seeded random; bind fakes, then run. */
    static final class Harness {
        final RecordingSleeper sleeper = new RecordingSleeper();
        final Map<String, TaskResource> bindings = new ConcurrentHashMap<>();
        ExecutionListener listener = ExecutionListener.NONE;
        long seed = 42;
        int concurrencyCap;

        Harness bind(String resource, TaskResource binding) {
            bindings.put(resource, binding);
            return this;
        }

        /** Binds the resource to a fake that always answers this JSON. */
        Harness answer(String resource, String result) {
            JsonNode node = json(result);
            return bind(resource, call -> node);
        }

        LocalRunner runner() {
            return LocalRunner.builder()
                    .bindings(bindings)
                    .sleeper(sleeper)
                    .random(new SplittableRandom(seed))
                    .clock(CLOCK)
                    .listener(listener)
                    .concurrencyCap(concurrencyCap)
                    .build();
        }

        ExecutionResult run(String definition, String input) {
            return runner().execute(definition(definition), ARN, "test-execution", json(input));
        }
    }

    static Duration seconds(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
