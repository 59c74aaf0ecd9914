package dev.switchyard.ingest.lambda;

/**
 * Thrown by {@link EventBridgeHandler} for an event the reactor deferred (its category run is not open yet),
 * so that the invocation fails and Lambda's asynchronous retries deliver the event again later. Not a
 * rejection: the same event succeeds once the run is open.
 */
public final class EventDeferredException extends RuntimeException {
    public EventDeferredException(String message) {
        super(message);
    }
}
