package dev.switchyard.reactor.ports;

/**
 * A service could not do what was asked for a reason that may pass (throttling, a network failure, a
 * broker that is down). Retryable: nothing was decided, so the caller retries or lets its event source
 * redeliver (SPEC §4 "Delivery"). Everything else an adapter throws is a defect or a rejection.
 */
public class TransientFailureException extends RuntimeException {
    public TransientFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
