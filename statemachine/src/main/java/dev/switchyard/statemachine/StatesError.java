package dev.switchyard.statemachine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * An error raised while a state runs, named as Step Functions names it. Errors are ordinary control flow here (a
 * Catch turns them into data), so they carry no stack trace.
 */
final class StatesError extends Exception {
    static final String ALL = "States.ALL";
    static final String TASK_FAILED = "States.TaskFailed";
    static final String TIMEOUT = "States.Timeout";
    static final String RUNTIME = "States.Runtime";
    static final String DATA_LIMIT_EXCEEDED = "States.DataLimitExceeded";
    static final String RESULT_PATH_MATCH_FAILURE = "States.ResultPathMatchFailure";
    static final String INTRINSIC_FAILURE = "States.IntrinsicFailure";
    static final String NO_CHOICE_MATCHED = "States.NoChoiceMatched";

    private final String error;
    private final String cause;

    StatesError(String error, String cause) {
        super(error + (cause == null ? "" : ": " + cause), null, false, false);
        this.error = error;
        this.cause = cause;
    }

    static StatesError runtime(String cause) {
        return new StatesError(RUNTIME, cause);
    }

    String error() {
        return error;
    }

    String cause() {
        return cause;
    }

    /**
     * States.Runtime and States.DataLimitExceeded always fail the execution: "A retry or catch on States.ALL will not
     * catch States.Runtime errors" (https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html).
     */
    boolean terminal() {
        return RUNTIME.equals(error) || DATA_LIMIT_EXCEEDED.equals(error);
    }

    /**
     * Whether a Retrier or Catcher with these ErrorEquals handles this error. States.TaskFailed "acts as a wildcard
     * that matches any known error name except for States.Timeout".
     */
    boolean matches(List<String> errorEquals) {
        if (terminal()) {
            return false;
        }
        for (String name : errorEquals) {
            if (name.equals(ALL) || name.equals(error) || (name.equals(TASK_FAILED) && !TIMEOUT.equals(error))) {
                return true;
            }
        }
        return false;
    }

    /** The Error Output a Catcher merges into the state's input. */
    ObjectNode output() {
        ObjectNode output = Json.NODES.objectNode();
        if (error != null) {
            output.put("Error", error);
        }
        if (cause != null) {
            output.put("Cause", cause);
        }
        return output;
    }
}
