package dev.switchyard.contracts.event;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A Step Functions {@code Execution Status Change} event (source {@code aws.states}) for an execution of
 * the orchestrator, with the category run it was for when its input or output names it.
 * See https://docs.aws.amazon.com/step-functions/latest/dg/cw-events.html
 *
 * @param eventId EventBridge's {@code id}
 * @param time the envelope's {@code time}
 * @param executionArn {@code detail.executionArn}
 * @param status {@code detail.status}
 * @param category {@code JobCategory} of the execution's input, or null
 * @param runDate {@code RunDate} of its input or output, or null
 * @param environment {@code Environment} of its input, or null
 */
public record ExecutionStatusChanged(
        String eventId,
        Instant time,
        String executionArn,
        Status status,
        String category,
        LocalDate runDate,
        String environment)
        implements InboundEvent {

    public ExecutionStatusChanged {
        Limits.id(eventId, "id");
        Objects.requireNonNull(time, "time");
        Limits.id(executionArn, "detail.executionArn");
        Objects.requireNonNull(status, "status");
    }

    /** Step Functions' execution statuses. */
    public enum Status {
        RUNNING,
        SUCCEEDED,
        FAILED,
        TIMED_OUT,
        ABORTED,
        PENDING_REDRIVE;

        /** True when the execution has ended. */
        public boolean isFinal() {
            return this != RUNNING && this != PENDING_REDRIVE;
        }
    }
}
