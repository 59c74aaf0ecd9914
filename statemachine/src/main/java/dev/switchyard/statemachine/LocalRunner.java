package dev.switchyard.statemachine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Executes a {@link Definition} as a Standard Step Functions workflow would, with each Task Resource bound to local
 * code, and counts the state transitions AWS would bill. One runner may run several executions at once.
 */
public final class LocalRunner {
    private final TaskInvoker tasks;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final Clock clock;
    private final ExecutionListener listener;
    private final int concurrencyCap;

    /**
     * @param bindings local code by the exact Resource string of the Task states (after substitution)
     * @param sleeper waits of Wait states and retries
     * @param random the randomness of FULL jitter, States.MathRandom and States.UUID
     * @param clock the Context Object's timestamps and Wait Timestamp
     */
    public LocalRunner(
            Map<String, TaskResource> bindings,
            Sleeper sleeper,
            RandomGenerator random,
            Clock clock,
            ExecutionListener listener) {
        this(bindings, sleeper, random, clock, listener, 0);
    }

    /**
     * The same, running at most {@code concurrencyCap} Map iterations at once whatever a Map's MaxConcurrency
     * says (0 there means no limit): on one machine each iteration may be a process. 0 here: no cap.
     */
    public LocalRunner(
            Map<String, TaskResource> bindings,
            Sleeper sleeper,
            RandomGenerator random,
            Clock clock,
            ExecutionListener listener,
            int concurrencyCap) {
        if (concurrencyCap < 0) {
            throw new IllegalArgumentException("concurrencyCap must be 0 (none) or more: " + concurrencyCap);
        }
        this.concurrencyCap = concurrencyCap;
        this.tasks = new TaskInvoker(Objects.requireNonNull(bindings, "bindings"));
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = new LockedRandom(Objects.requireNonNull(random, "random"));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs one execution to its end. A Resource without a binding fails the execution before any state runs, with
     * States.Runtime and a cause naming the state and the resource. An interrupted execution ends FAILED with
     * States.Runtime, and the thread's interrupt flag is set again.
     *
     * @param stateMachineArn e.g. {@code arn:aws:states:eu-west-1:123456789012:stateMachine:switchyard}; the Context
     *     Object's Execution.Id is made from it as AWS makes it
     */
    public ExecutionResult execute(
            Definition definition, String stateMachineArn, String executionName, JsonNode input) {
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(executionName, "executionName");
        if (stateMachineArn == null || !stateMachineArn.contains(":stateMachine:")) {
            throw new IllegalArgumentException("not a state machine ARN: " + stateMachineArn);
        }
        Instant start = clock.instant();
        String unbound = unbound(definition);
        if (unbound != null) {
            return new ExecutionResult(
                    ExecutionResult.Status.FAILED,
                    null,
                    StatesError.RUNTIME,
                    unbound,
                    0,
                    Map.of(),
                    0,
                    null,
                    start,
                    start);
        }
        JsonNode data = input == null ? Json.NODES.objectNode() : input.deepCopy();
        Execution execution =
                new Execution(clock, random, sleeper, listener, stateMachineArn, executionName, start, data);
        try {
            JsonNode output = new Interpreter(execution, tasks, concurrencyCap).run(definition.root(), data);
            return result(execution, ExecutionResult.Status.SUCCEEDED, output, null, null, start);
        } catch (StatesError e) {
            return result(execution, ExecutionResult.Status.FAILED, null, e.error(), e.cause(), start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return result(
                    execution,
                    ExecutionResult.Status.FAILED,
                    null,
                    StatesError.RUNTIME,
                    "The execution was interrupted",
                    start);
        }
    }

    private String unbound(Definition definition) {
        for (String resource : definition.resources()) {
            if (tasks.binding(resource) == null) {
                List<String> states = definition.statesUsing(resource);
                return "State " + String.join(", ", states) + " uses Resource " + resource
                        + ", which has no local binding";
            }
        }
        return null;
    }

    private ExecutionResult result(
            Execution execution,
            ExecutionResult.Status status,
            JsonNode output,
            String error,
            String cause,
            Instant start) {
        return new ExecutionResult(
                status,
                output,
                error,
                cause,
                execution.transitions(),
                execution.transitionsByState(),
                execution.largestPayloadBytes(),
                execution.largestPayloadState(),
                start,
                clock.instant());
    }

    /** Builds a runner; without a call, sleeping is real, randomness unseeded, the clock UTC and nobody listens. */
    public static final class Builder {
        private final Map<String, TaskResource> bindings = new LinkedHashMap<>();
        private Sleeper sleeper = Sleeper.REAL;
        private RandomGenerator random = RandomGenerator.getDefault();
        private Clock clock = Clock.systemUTC();
        private ExecutionListener listener = ExecutionListener.NONE;
        private int concurrencyCap;

        private Builder() {}

        /** At most this many Map iterations at once, whatever a state says (see the constructor); 0: no cap. */
        public Builder concurrencyCap(int cap) {
            this.concurrencyCap = cap;
            return this;
        }

        public Builder bind(String resource, TaskResource binding) {
            bindings.put(Objects.requireNonNull(resource, "resource"), Objects.requireNonNull(binding, "binding"));
            return this;
        }

        public Builder bindings(Map<String, TaskResource> more) {
            more.forEach(this::bind);
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        public Builder random(RandomGenerator random) {
            this.random = random;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder listener(ExecutionListener listener) {
            this.listener = listener;
            return this;
        }

        public LocalRunner build() {
            return new LocalRunner(bindings, sleeper, random, clock, listener, concurrencyCap);
        }
    }
}
