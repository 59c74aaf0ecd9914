package dev.switchyard.contracts.event;

import java.time.Instant;

/**
 * An input of the reactor as AWS delivers it (SPEC §4), decoded and checked: a Glue job event, a change
 * of the control table, or a Step Functions execution status change. Every value that exists is valid.
 */
public sealed interface InboundEvent permits GlueJobEvent, TableChanged, ExecutionStatusChanged {

    /** The delivery's id: EventBridge's {@code id}, or the stream record's {@code eventID}. */
    String eventId();

    /** When the change happened, as the source stamped it. */
    Instant time();
}
