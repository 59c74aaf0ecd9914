package dev.switchyard.statemachine;

import java.util.Objects;

/** A Task binding's failure, with the error name a Retry or Catch matches (e.g. {@code States.TaskFailed}). */
public final class TaskFailedException extends Exception {
    private final String error;
    private final String cause;

    public TaskFailedException(String error, String cause) {
        super(error + (cause == null ? "" : ": " + cause));
        this.error = Objects.requireNonNull(error, "error");
        this.cause = cause;
    }

    public String error() {
        return error;
    }

    /** Human-readable text, or null. */
    public String cause() {
        return cause;
    }
}
