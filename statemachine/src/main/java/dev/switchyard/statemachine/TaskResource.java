package dev.switchyard.statemachine;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Local code bound to a Task state's Resource. A {@link TaskFailedException} fails the task with its error name; any
 * RuntimeException fails it with the exception's class name as the error, as the Lambda Java runtime reports an errorType.
 */
@FunctionalInterface
public interface TaskResource {
    JsonNode call(TaskCall call) throws TaskFailedException, InterruptedException;
}
