package dev.switchyard.ingest.lambda;

import dev.switchyard.reactor.ports.TransientFailureException;

/**
 * The planner could not reach its stores. Its class name is the error the state machine's {@code Plan} state
 * retries ({@code infra/statemachine.asl.json}), so it must not be renamed without the definition.
 */
public final class PlannerUnavailableException extends RuntimeException {
    PlannerUnavailableException(TransientFailureException cause) {
        super("the planner's stores are unavailable: " + cause.getMessage(), cause);
    }
}
