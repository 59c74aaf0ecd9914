package dev.switchyard.statemachine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * Progress of an execution, for a command line to show. State paths read {@code RunJobs > RunJob}. Calls come from
 * several threads at once when Map iterations or Parallel branches run, so an implementation must be thread-safe.
 */
public interface ExecutionListener {
    /** Ignores everything. */
    ExecutionListener NONE = new ExecutionListener() {};

    default void stateEntered(String path, String name, JsonNode input) {}

    default void stateExited(String path, String name, JsonNode output) {}

    /** An attempt of a Task, Map or Parallel state failed; a retry or a catcher may still handle it. */
    default void taskFailed(String state, String error, String cause) {}

    /** The state is retried after the delay; attempt is 1 for the first retry. */
    default void retrying(String state, String error, int attempt, Duration delay) {}

    default void mapIterationStarted(String mapState, int index) {}

    /** The iteration ended, whether it succeeded or failed. */
    default void mapIterationFinished(String mapState, int index) {}
}
