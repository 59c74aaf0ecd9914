package dev.switchyard.reactor.store;

/**
 * A store could not do what was asked for a reason that may pass (throttling, a network failure, a
 * database locked for too long). Retryable: the caller retries or lets its event source redeliver;
 * nothing was decided.
 */
public final class StoreUnavailableException extends dev.switchyard.reactor.ports.TransientFailureException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
