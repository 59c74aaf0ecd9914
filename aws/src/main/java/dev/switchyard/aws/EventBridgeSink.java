package dev.switchyard.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.switchyard.contracts.Json;
import dev.switchyard.contracts.domain.DomainEvent;
import dev.switchyard.reactor.ports.Sink;
import dev.switchyard.reactor.ports.TransientFailureException;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/** Publishes the reactor's domain events to an EventBridge bus, one {@code PutEvents} entry per event. */
public final class EventBridgeSink implements Sink<DomainEvent> {
    private final EventBridgeClient eventBridge;
    private final String busName;

    /** @param busName the bus's name or ARN */
    public EventBridgeSink(EventBridgeClient eventBridge, String busName) {
        this.eventBridge = Objects.requireNonNull(eventBridge, "eventBridge");
        this.busName = Objects.requireNonNull(busName, "busName");
    }

    @Override
    public void accept(DomainEvent event) {
        Objects.requireNonNull(event, "event");
        PutEventsRequestEntry entry = entry(event);
        String what = "PutEvents of " + event.detailType() + " " + event.subject() + " to event bus " + busName;
        PutEventsResponse response;
        try {
            response = eventBridge.putEvents(b -> b.entries(entry));
        } catch (SdkException e) {
            throw AwsFailures.translate(e, what);
        }
        checkAccepted(response, what);
    }

    PutEventsRequestEntry entry(DomainEvent event) {
        return PutEventsRequestEntry.builder()
                .eventBusName(busName)
                .source(DomainEvent.SOURCE)
                .detailType(event.detailType())
                .detail(detail(event))
                .build();
    }

    static String detail(DomainEvent event) {
        try {
            return Json.mapper().writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + event.detailType() + " as JSON", e);
        }
    }

    // PutEvents answers HTTP 200 even when an entry failed: the failure is in the entry, with an error code.
    // InternalFailure and ThrottlingException are the retryable ones; the rest (MalformedDetail,
    // AccessDeniedException, NotAuthorizedForSourceException, …) will fail again.
    // https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEventsResultEntry.html
    private static void checkAccepted(PutEventsResponse response, String what) {
        Integer failed = response.failedEntryCount();
        if (failed == null || failed == 0) {
            return;
        }
        PutEventsResultEntry result =
                response.hasEntries() && !response.entries().isEmpty()
                        ? response.entries().get(0)
                        : PutEventsResultEntry.builder().build();
        String code = result.errorCode() == null ? "" : result.errorCode();
        String message = what + " was not accepted: " + code + ": " + result.errorMessage();
        if (code.equals("ThrottlingException") || code.equals("InternalFailure")) {
            throw new TransientFailureException(message, null);
        }
        throw new IllegalStateException(message);
    }
}
