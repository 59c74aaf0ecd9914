package dev.switchyard.ingest.decode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.contracts.event.GlueJobEvent;
import dev.switchyard.contracts.event.InboundEvent;
import java.time.Instant;

/**
 * The EventBridge envelope ({@code id}, {@code source}, {@code detail-type}, {@code time}, {@code
 * detail}) and the three kinds of event in it that are inputs of the reactor.
 * See https://docs.aws.amazon.com/eventbridge/latest/ref/events-structure.html
 */
final class EventBridgeEvents {
    /**
     * Larger than any event EventBridge delivers: its PutEvents entry limit is 256 KB, and 1 MiB where it
     * has been raised. See https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevent-size.html
     */
    static final int MAX_BYTES = 1 << 20;

    private static final String GLUE = "aws.glue";
    private static final String STATES = "aws.states";
    private static final String EXECUTION_STATUS_CHANGE = "Step Functions Execution Status Change";
    private static final String EXPECTED = GLUE + " / " + GlueJobEvent.Kind.STATE_CHANGE.detailType() + ", "
            + GLUE + " / " + GlueJobEvent.Kind.RUN_STATUS.detailType() + " or "
            + STATES + " / " + EXECUTION_STATUS_CHANGE;

    private EventBridgeEvents() {}

    /** True when the object looks like an envelope rather than something else. */
    static boolean isEnvelope(JsonNode root) {
        return root.has("detail-type") || root.has("source") || root.has("detail");
    }

    /**
     * Reads an envelope.
     *
     * @param bytes the size of the event's text in UTF-8
     */
    static InboundEvent read(JsonNode root, long bytes) {
        String source = JsonFields.text(root, "source");
        String detailType = JsonFields.text(root, "detail-type");
        GlueJobEvent.Kind glueKind = glueKind(source, detailType);
        boolean execution = STATES.equals(source) && EXECUTION_STATUS_CHANGE.equals(detailType);
        if (glueKind == null && !execution) {
            throw new IllegalArgumentException("source '" + JsonFields.shown(source) + "' / detail-type '"
                    + JsonFields.shown(detailType) + "' is not an input of the reactor; expected " + EXPECTED);
        }
        if (bytes > MAX_BYTES) {
            throw new IllegalArgumentException(
                    "the event is " + bytes + " bytes long; EventBridge events are at most " + MAX_BYTES + " bytes");
        }
        String id = JsonFields.text(root, "id");
        Instant time = JsonFields.instant(JsonFields.text(root, "time"), "time");
        JsonNode detail = JsonFields.object(root, "detail");
        return glueKind != null ? GlueEvents.read(glueKind, id, time, detail) : ExecutionEvents.read(id, time, detail);
    }

    private static GlueJobEvent.Kind glueKind(String source, String detailType) {
        if (!GLUE.equals(source)) {
            return null;
        }
        for (GlueJobEvent.Kind kind : GlueJobEvent.Kind.values()) {
            if (kind.detailType().equals(detailType)) {
                return kind;
            }
        }
        return null;
    }
}
