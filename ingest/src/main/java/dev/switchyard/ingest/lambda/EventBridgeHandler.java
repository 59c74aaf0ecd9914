package dev.switchyard.ingest.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.switchyard.contracts.event.Received;
import dev.switchyard.reactor.react.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The Lambda function an EventBridge rule targets with Glue job events ({@code aws.glue}) and Step Functions
 * execution status changes ({@code aws.states}): decodes the event, hands it to the reactor and answers
 * {@code {"outcome": "APPLIED", "detail": "…"}}.
 *
 * <p>EventBridge invokes its Lambda targets asynchronously, so a failed invocation is retried by Lambda
 * (twice by default, about a minute and then two apart; the function's {@code MaximumRetryAttempts} and
 * {@code MaximumEventAgeInSeconds} set this) and then kept by the function's on-failure destination or
 * dead-letter queue, which the deployment must configure so that nothing is lost; EventBridge's own retry
 * policy covers only failures to invoke. See
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html. Hence:
 *
 * <ul>
 *   <li>an event that cannot be decoded is reported to the rejection sink and the invocation succeeds
 *       ({@code "outcome": "REJECTED"}): retrying cannot make it valid (SPEC §4);
 *   <li>an event the reactor deferred, because the category run it belongs to is not open yet, fails the
 *       invocation with {@link EventDeferredException}: a retry a minute later finds the run open, and after
 *       the last retry the on-failure destination keeps the event for a redrive;
 *   <li>a {@link dev.switchyard.reactor.ports.TransientFailureException} (throttling, a service that is down)
 *       propagates and fails the invocation: retried the same way. Every effect is idempotent, so a retry
 *       of an event that was handled in part finishes it.
 * </ul>
 */
public final class EventBridgeHandler implements RequestStreamHandler {
    private final Wiring wiring;

    /** The Lambda runtime's constructor: wires the real adapters once, from the environment (see {@link Wiring}). */
    public EventBridgeHandler() {
        this(Wiring.fromEnvironment(System.getenv()));
    }

    /** A handler on the given wiring, for {@code switchyard invoke} and tests. */
    public EventBridgeHandler(Wiring wiring) {
        this.wiring = Objects.requireNonNull(wiring, "wiring");
    }

    /** @param context unused but for the request id, which names a rejected event; may be null */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String json = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        String where = context == null || context.getAwsRequestId() == null
                ? "EventBridge event"
                : "EventBridge event of request " + context.getAwsRequestId();
        String response = switch (wiring.decoder().decode(json, where)) {
            case Received.Rejected rejected -> {
                wiring.rejections().accept(rejected.rejection());
                yield Responses.outcome(Responses.REJECTED, rejected.rejection().reason());
            }
            case Received.Accepted accepted -> {
                Outcome outcome =
                        wiring.reactor().handle(accepted.event(), wiring.clock().instant());
                if (outcome.kind() == Outcome.Kind.DEFERRED) {
                    throw new EventDeferredException("deferred, to be retried: " + outcome.detail());
                }
                yield Responses.outcome(outcome.kind().name(), outcome.detail());
            }
        };
        output.write(response.getBytes(StandardCharsets.UTF_8));
        output.flush();
    }
}
