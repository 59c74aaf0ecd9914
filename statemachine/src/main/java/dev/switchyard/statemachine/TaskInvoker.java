package dev.switchyard.statemachine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Calls the local code bound to a Task's Resource, and turns what it throws into Step Functions errors. */
final class TaskInvoker {
    private final Map<String, TaskResource> bindings;

    TaskInvoker(Map<String, TaskResource> bindings) {
        this.bindings = Map.copyOf(bindings);
    }

    TaskResource binding(String resource) {
        return bindings.get(resource);
    }

    /** With a timeout the call runs on its own virtual thread, which is interrupted when the time is up. */
    JsonNode call(TaskCall call, Duration timeout) throws StatesError, InterruptedException {
        TaskResource resource = bindings.get(call.resource());
        if (timeout == null) {
            return invoke(resource, call);
        }
        FutureTask<JsonNode> task = new FutureTask<>(() -> invoke(resource, call));
        Thread.ofVirtual().name("task " + call.stateName()).start(task);
        try {
            return task.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            task.cancel(true);
            throw new StatesError(
                    StatesError.TIMEOUT, "The task ran longer than its TimeoutSeconds (" + timeout.toSeconds() + " s)");
        } catch (InterruptedException e) {
            task.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case StatesError error -> throw error;
                case InterruptedException interrupted -> throw interrupted;
                case Error error -> throw error;
                default -> throw new IllegalStateException(e.getCause());
            }
        }
    }

    private static JsonNode invoke(TaskResource resource, TaskCall call) throws StatesError, InterruptedException {
        try {
            JsonNode result = resource.call(call);
            return result == null ? NullNode.getInstance() : result;
        } catch (TaskFailedException e) {
            throw new StatesError(e.error(), e.cause());
        } catch (RuntimeException e) {
            // As the Lambda Java runtime reports an unhandled exception: errorType is the class name (fully
            // qualified), errorMessage the message.
            throw new StatesError(e.getClass().getName(), String.valueOf(e.getMessage()));
        }
    }
}
