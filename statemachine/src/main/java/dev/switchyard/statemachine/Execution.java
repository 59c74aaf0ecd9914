package dev.switchyard.statemachine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * What one execution shares among its states and threads: the Context Object's fixed parts, the billed transitions,
 * the payload limit and the largest payload seen.
 */
final class Execution {
    /**
     * "Maximum input or output size for a task, state, or execution: 262,144 bytes of data as a UTF-8 encoded
     * string" (https://docs.aws.amazon.com/step-functions/latest/dg/limits-overview.html).
     */
    static final int PAYLOAD_LIMIT_BYTES = 262_144;

    private final Clock clock;
    private final RandomGenerator random;
    private final Sleeper sleeper;
    private final ExecutionListener listener;
    private final ObjectNode executionContext;
    private final ObjectNode stateMachineContext;
    private final AtomicLong transitions = new AtomicLong();
    private final Map<String, Long> transitionsByState = new LinkedHashMap<>();
    private int largestPayloadBytes;
    private String largestPayloadState;

    Execution(
            Clock clock,
            RandomGenerator random,
            Sleeper sleeper,
            ExecutionListener listener,
            String stateMachineArn,
            String executionName,
            Instant start,
            JsonNode input) {
        this.clock = clock;
        this.random = random;
        this.sleeper = sleeper;
        this.listener = listener;
        int nameStart = stateMachineArn.lastIndexOf(':') + 1;
        executionContext = Json.NODES.objectNode();
        executionContext.put("Id", stateMachineArn.replace(":stateMachine:", ":execution:") + ":" + executionName);
        executionContext.set("Input", input);
        executionContext.put("Name", executionName);
        executionContext.put("StartTime", Timestamps.format(start));
        stateMachineContext = Json.NODES.objectNode();
        stateMachineContext.put("Id", stateMachineArn);
        stateMachineContext.put("Name", stateMachineArn.substring(nameStart));
    }

    Clock clock() {
        return clock;
    }

    Sleeper sleeper() {
        return sleeper;
    }

    RandomGenerator random() {
        return random;
    }

    ExecutionListener listener() {
        return listener;
    }

    /** Counts the transition AWS bills for entering the state, checks the input's size, and tells the listener. */
    Instant enter(State state, JsonNode input) throws StatesError {
        countTransition(state.path());
        checkPayload(state.path(), "input", input);
        listener.stateEntered(state.path(), state.name(), input);
        return clock.instant();
    }

    void exit(State state, JsonNode output) throws StatesError {
        checkPayload(state.path(), "output", output);
        listener.stateExited(state.path(), state.name(), output);
    }

    /** "Retries are treated as state transitions." */
    void countTransition(String path) {
        transitions.incrementAndGet();
        synchronized (transitionsByState) {
            transitionsByState.merge(path, 1L, Long::sum);
        }
    }

    void checkPayload(String path, String what, JsonNode payload) throws StatesError {
        int bytes = Json.utf8Length(payload);
        synchronized (this) {
            if (bytes > largestPayloadBytes) {
                largestPayloadBytes = bytes;
                largestPayloadState = path;
            }
        }
        if (bytes > PAYLOAD_LIMIT_BYTES) {
            throw new StatesError(
                    StatesError.DATA_LIMIT_EXCEEDED,
                    "The " + what + " of state " + path + " has " + bytes + " bytes, more than the "
                            + PAYLOAD_LIMIT_BYTES + " bytes Step Functions allows");
        }
    }

    /** The Context Object a state sees: Execution, StateMachine and State. */
    ObjectNode context(State state, Instant entered, int retryCount) {
        ObjectNode context = Json.NODES.objectNode();
        context.set("Execution", executionContext);
        context.set("StateMachine", stateMachineContext);
        ObjectNode stateNode = context.putObject("State");
        stateNode.put("EnteredTime", Timestamps.format(entered));
        stateNode.put("Name", state.name());
        stateNode.put("RetryCount", retryCount);
        return context;
    }

    /** The Context Object an ItemSelector sees, with Map.Item.Index and Map.Item.Value. */
    static ObjectNode withMapItem(ObjectNode context, int index, JsonNode value) {
        ObjectNode copy = Json.shallowCopy(context);
        ObjectNode item = copy.putObject("Map").putObject("Item");
        item.put("Index", index);
        item.set("Value", value);
        return copy;
    }

    Eval eval(JsonNode input, JsonNode context) {
        return new Eval(input, context, random);
    }

    long transitions() {
        return transitions.get();
    }

    Map<String, Long> transitionsByState() {
        synchronized (transitionsByState) {
            return new LinkedHashMap<>(transitionsByState);
        }
    }

    synchronized int largestPayloadBytes() {
        return largestPayloadBytes;
    }

    synchronized String largestPayloadState() {
        return largestPayloadState;
    }
}
