package dev.switchyard.reactor.table;

/** An edit or delete named a job or category that is not there; nothing was written. */
public final class NoSuchItemException extends RuntimeException {
    public NoSuchItemException(String message) {
        super(message);
    }
}
