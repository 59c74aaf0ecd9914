package dev.switchyard.ingest.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.contracts.Json;
import dev.switchyard.contracts.orchestration.NotStarted;
import dev.switchyard.contracts.orchestration.PlanRequest;
import dev.switchyard.contracts.orchestration.PlanSlice;
import dev.switchyard.reactor.ports.TransientFailureException;
import dev.switchyard.reactor.react.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Objects;

/**
 * The Lambda function the state machine calls (SPEC §5). Its {@code Plan} state: plans the category, opens its
 * category run and answers one slice of the jobs to start, as {@link PlanSlice} JSON. Its {@code
 * RecordNotStarted} state: records a job whose start failed as a failed run, so its category run is blocked.
 *
 * <p>Step Functions names a Lambda function's error by the exception's class name. A request that cannot be
 * planned throws {@link IllegalArgumentException} ({@code java.lang.IllegalArgumentException}), which the
 * definition does not retry: the execution fails with the reason. A store that is unavailable throws {@link
 * PlannerUnavailableException}, which the definition retries with backoff; planning again is safe, since the
 * first opening of a category run keeps its manifest.
 */
public final class PlanHandler implements RequestStreamHandler {
    private final Wiring wiring;

    /** The Lambda runtime's constructor: wires the real adapters once, from the environment (see {@link Wiring}). */
    public PlanHandler() {
        this(Wiring.fromEnvironment(System.getenv()));
    }

    /** A handler on the given wiring, for the local runner and tests. */
    public PlanHandler(Wiring wiring) {
        this.wiring = Objects.requireNonNull(wiring, "wiring");
    }

    /** @param context unused; may be null */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode request;
        try {
            request = Json.mapper().readTree(input);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("planner input is not JSON: " + e.getOriginalMessage(), e);
        }
        output.write(Json.mapper().writeValueAsBytes(handle(request)));
    }

    /**
     * Answers one request of the state machine: the {@code Plan} state's parameters, answered with a slice; or a
     * {@link NotStarted} job from {@code RecordNotStarted}, answered with the reactor's outcome.
     */
    public JsonNode handle(JsonNode request) {
        try {
            if (NotStarted.is(request)) {
                Outcome outcome = wiring.planStep()
                        .notStarted(NotStarted.fromJson(request), wiring.clock().instant());
                return Json.mapper()
                        .valueToTree(Map.of("outcome", outcome.kind().name(), "detail", outcome.detail()));
            }
            return wiring.planStep()
                    .plan(PlanRequest.fromJson(request), wiring.clock().instant())
                    .toJson();
        } catch (TransientFailureException e) {
            throw new PlannerUnavailableException(e);
        }
    }
}
