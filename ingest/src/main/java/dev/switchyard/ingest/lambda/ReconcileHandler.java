package dev.switchyard.ingest.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import java.util.Objects;

/**
 * The Lambda function a scheduled EventBridge rule invokes: one reconciliation sweep (SPEC §4), answering a
 * JSON summary such as {@code {"jobsStuck": 1, "entriesPending": 0, "runsFound": 1, "outcomes": {"APPLIED":
 * 1}, "triggered": []}}. A transient failure fails the invocation, and an event the reactor defers waits:
 * the next tick sweeps again anyway.
 */
public final class ReconcileHandler implements RequestHandler<Map<String, Object>, String> {
    private final Wiring wiring;

    /** The Lambda runtime's constructor: wires the real adapters once, from the environment (see {@link Wiring}). */
    public ReconcileHandler() {
        this(Wiring.fromEnvironment(System.getenv()));
    }

    /** A handler on the given wiring, for {@code switchyard invoke} and tests. */
    public ReconcileHandler(Wiring wiring) {
        this.wiring = Objects.requireNonNull(wiring, "wiring");
    }

    /**
     * @param event the scheduled event; unused
     * @param context unused; may be null
     */
    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return Responses.sweep(wiring.reconciler().sweep(wiring.clock().instant()));
    }
}
