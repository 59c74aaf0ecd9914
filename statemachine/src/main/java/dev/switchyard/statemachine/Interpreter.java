package dev.switchyard.statemachine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Runs the states of a scope for one execution, applying input and output processing in the spec's order: InputPath,
 * Parameters, the work, ResultSelector, ResultPath (into the raw input), OutputPath.
 */
final class Interpreter {
    private final Execution execution;
    private final TaskInvoker tasks;
    private final int concurrencyCap;

    /** @param concurrencyCap at most this many Map iterations or branches at once, whatever a state says; 0: none */
    Interpreter(Execution execution, TaskInvoker tasks, int concurrencyCap) {
        this.execution = execution;
        this.tasks = tasks;
        this.concurrencyCap = concurrencyCap;
    }

    /** The scope's output, or the error that ended it. */
    JsonNode run(Scope scope, JsonNode input) throws StatesError, InterruptedException {
        State state = scope.start();
        JsonNode data = input;
        while (true) {
            Step step = run(state, data);
            if (step.next() == null) {
                return step.output();
            }
            state = scope.states().get(step.next());
            data = step.output();
        }
    }

    /** A state's output and the state to go to (null: the scope ends). */
    private record Step(JsonNode output, String next) {}

    /** One attempt of a state that may be retried; retries counts the retries before it. */
    @FunctionalInterface
    private interface Attempt {
        JsonNode run(int retries) throws StatesError, InterruptedException;
    }

    private Step run(State state, JsonNode input) throws StatesError, InterruptedException {
        Instant entered = execution.enter(state, input);
        Step step = switch (state) {
            case State.Pass s -> new Step(pass(s, input, entered), s.next());
            case State.Task s -> handled(s, s.errors(), input, retries -> task(s, input, entered, retries), s.next());
            case State.Choice s -> choice(s, input, entered);
            case State.Wait s -> new Step(waitState(s, input, entered), s.next());
            case State.Succeed s -> {
                ObjectNode context = execution.context(s, entered, 0);
                yield new Step(s.io().output(s.io().input(input, context), context), null);
            }
            case State.Fail s -> throw fail(s, input, entered);
            case State.Map s -> handled(s, s.errors(), input, retries -> map(s, input, entered, retries), s.next());
            case State.Parallel s ->
                handled(s, s.errors(), input, retries -> parallel(s, input, entered, retries), s.next());
        };
        execution.exit(state, step.output());
        return step;
    }

    /**
     * Retry, then Catch: the first retrier whose ErrorEquals matches decides, each retrier counting its own attempts;
     * when it has none left (or none matches) the first matching catcher applies. The counts live only while the
     * state runs, so they reset once it is left.
     */
    private Step handled(State state, ErrorHandling errors, JsonNode input, Attempt attempt, String next)
            throws StatesError, InterruptedException {
        int[] used = new int[errors.retriers().size()];
        int retries = 0;
        while (true) {
            try {
                return new Step(attempt.run(retries), next);
            } catch (StatesError e) {
                if (e.terminal()) {
                    throw e;
                }
                execution.listener().taskFailed(state.path(), e.error(), e.cause());
                int r = firstMatching(
                        errors.retriers().stream().map(Retrier::errorEquals).toList(), e);
                if (r >= 0 && used[r] < errors.retriers().get(r).maxAttempts()) {
                    used[r]++;
                    retries++;
                    Duration delay = errors.retriers().get(r).delay(used[r], execution.random());
                    execution.listener().retrying(state.path(), e.error(), retries, delay);
                    execution.sleeper().sleep(delay);
                    execution.countTransition(state.path());
                    continue;
                }
                int c = firstMatching(
                        errors.catchers().stream().map(Catcher::errorEquals).toList(), e);
                if (c < 0) {
                    throw e;
                }
                Catcher catcher = errors.catchers().get(c);
                return new Step(catcher.resultPath().apply(input, e.output()), catcher.next());
            }
        }
    }

    private static int firstMatching(List<List<String>> errorEquals, StatesError error) {
        for (int i = 0; i < errorEquals.size(); i++) {
            if (error.matches(errorEquals.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private JsonNode pass(State.Pass s, JsonNode raw, Instant entered) throws StatesError {
        ObjectNode context = execution.context(s, entered, 0);
        JsonNode effective = s.io().input(raw, context);
        if (s.parameters() != null) {
            effective = s.parameters().render(execution.eval(effective, context));
        }
        JsonNode result = s.result() != null ? s.result() : effective;
        return s.io().output(s.resultPath().apply(raw, result), context);
    }

    private JsonNode task(State.Task s, JsonNode raw, Instant entered, int retries)
            throws StatesError, InterruptedException {
        ObjectNode context = execution.context(s, entered, retries);
        JsonNode effective = s.io().input(raw, context);
        Duration timeout = timeout(s, effective, context);
        if (s.parameters() != null) {
            effective = s.parameters().render(execution.eval(effective, context));
        }
        execution.checkPayload(s.path(), "effective input", effective);
        TaskCall call = new TaskCall(s.resource(), s.name(), effective.deepCopy(), context.deepCopy(), retries + 1);
        JsonNode result = tasks.call(call, timeout);
        execution.checkPayload(s.path(), "result", result);
        return finish(s.io(), s.resultSelector(), s.resultPath(), raw, result, context);
    }

    private static Duration timeout(State.Task s, JsonNode effective, JsonNode context) throws StatesError {
        if (s.timeoutSeconds() != null) {
            return Duration.ofSeconds(s.timeoutSeconds());
        }
        if (s.timeoutSecondsPath() == null) {
            return null;
        }
        JsonNode seconds = s.timeoutSecondsPath().select(effective, context);
        if (seconds == null || !seconds.canConvertToExactIntegral() || seconds.asLong() < 1) {
            throw StatesError.runtime(
                    "TimeoutSecondsPath " + s.timeoutSecondsPath() + " must select a positive integer");
        }
        return Duration.ofSeconds(seconds.asLong());
    }

    /** ResultSelector, ResultPath into the raw input, then OutputPath. */
    private JsonNode finish(
            Io io, PayloadTemplate selector, ResultPath resultPath, JsonNode raw, JsonNode result, JsonNode context)
            throws StatesError {
        JsonNode selected = selector == null ? result : selector.render(execution.eval(result, context));
        return io.output(resultPath.apply(raw, selected), context);
    }

    private Step choice(State.Choice s, JsonNode raw, Instant entered) throws StatesError {
        ObjectNode context = execution.context(s, entered, 0);
        JsonNode effective = s.io().input(raw, context);
        for (State.Branch branch : s.choices()) {
            if (branch.rule().test(effective, context)) {
                return new Step(s.io().output(effective, context), branch.next());
            }
        }
        if (s.defaultNext() == null) {
            throw new StatesError(StatesError.NO_CHOICE_MATCHED, "No Matches!");
        }
        return new Step(s.io().output(effective, context), s.defaultNext());
    }

    private JsonNode waitState(State.Wait s, JsonNode raw, Instant entered) throws StatesError, InterruptedException {
        ObjectNode context = execution.context(s, entered, 0);
        JsonNode effective = s.io().input(raw, context);
        Duration wait = switch (s.waitFor()) {
            case State.WaitFor.Seconds w -> Duration.ofSeconds(w.seconds());
            case State.WaitFor.SecondsPath w -> Duration.ofSeconds(seconds(w.path(), effective, context));
            case State.WaitFor.Timestamp w -> until(w.instant());
            case State.WaitFor.TimestampPath w -> until(timestamp(w.path(), effective, context));
        };
        if (wait.isPositive()) {
            execution.sleeper().sleep(wait);
        }
        return s.io().output(effective, context);
    }

    private static long seconds(JsonPathExpr path, JsonNode input, JsonNode context) throws StatesError {
        JsonNode value = path.select(input, context);
        if (value == null || !value.canConvertToExactIntegral() || value.asLong() < 0) {
            throw StatesError.runtime("SecondsPath " + path + " must select a non-negative integer");
        }
        return value.asLong();
    }

    private static Instant timestamp(JsonPathExpr path, JsonNode input, JsonNode context) throws StatesError {
        JsonNode value = path.select(input, context);
        Instant instant = value != null && value.isTextual() ? Timestamps.parse(value.textValue()) : null;
        if (instant == null) {
            throw StatesError.runtime("TimestampPath " + path + " must select an RFC 3339 timestamp");
        }
        return instant;
    }

    private Duration until(Instant instant) {
        return Duration.between(execution.clock().instant(), instant);
    }

    private StatesError fail(State.Fail s, JsonNode raw, Instant entered) throws StatesError {
        Eval eval = execution.eval(raw, execution.context(s, entered, 0));
        String error = s.error() == null ? null : s.error().resolve(eval, "ErrorPath");
        String cause = s.cause() == null ? null : s.cause().resolve(eval, "CausePath");
        return new StatesError(error, cause);
    }

    /** An inline Map: a Retry re-runs every iteration, as AWS documents for Map states. */
    private JsonNode map(State.Map s, JsonNode raw, Instant entered, int retries)
            throws StatesError, InterruptedException {
        ObjectNode context = execution.context(s, entered, retries);
        JsonNode effective = s.io().input(raw, context);
        JsonNode items = s.itemsPath().select(effective, context);
        if (items == null || !items.isArray()) {
            throw StatesError.runtime("ItemsPath " + s.itemsPath() + " must select an array; it selected "
                    + (items == null ? "nothing" : Json.abbreviate(items)));
        }
        int limit = capped(maxConcurrency(s, effective, context));
        List<JsonNode> outputs = FanOut.run(s.path(), items.size(), limit, index -> {
            execution.listener().mapIterationStarted(s.path(), index);
            try {
                JsonNode item = items.get(index);
                JsonNode input = s.itemSelector() == null
                        ? item
                        : s.itemSelector()
                                .render(execution.eval(effective, Execution.withMapItem(context, index, item)));
                return run(s.processor(), input);
            } finally {
                execution.listener().mapIterationFinished(s.path(), index);
            }
        });
        ArrayNode result = Json.NODES.arrayNode(outputs.size()).addAll(outputs);
        return finish(s.io(), s.resultSelector(), s.resultPath(), raw, result, context);
    }

    /** The declared limit (0: none) under the runner's cap (0: none). */
    private int capped(int limit) {
        if (concurrencyCap == 0) {
            return limit;
        }
        return limit == 0 ? concurrencyCap : Math.min(limit, concurrencyCap);
    }

    private static int maxConcurrency(State.Map s, JsonNode input, JsonNode context) throws StatesError {
        if (s.maxConcurrencyPath() == null) {
            return s.maxConcurrency();
        }
        JsonNode value = s.maxConcurrencyPath().select(input, context);
        if (value == null || !value.canConvertToExactIntegral() || value.asLong() < 0 || !value.canConvertToInt()) {
            throw StatesError.runtime(
                    "MaxConcurrencyPath " + s.maxConcurrencyPath() + " must select a non-negative integer");
        }
        return value.intValue();
    }

    private JsonNode parallel(State.Parallel s, JsonNode raw, Instant entered, int retries)
            throws StatesError, InterruptedException {
        ObjectNode context = execution.context(s, entered, retries);
        JsonNode effective = s.io().input(raw, context);
        if (s.parameters() != null) {
            effective = s.parameters().render(execution.eval(effective, context));
        }
        JsonNode branchInput = effective;
        List<JsonNode> outputs = FanOut.run(
                s.path(), s.branches().size(), 0, index -> run(s.branches().get(index), branchInput));
        ArrayNode result = Json.NODES.arrayNode(outputs.size()).addAll(outputs);
        return finish(s.io(), s.resultSelector(), s.resultPath(), raw, result, context);
    }
}
