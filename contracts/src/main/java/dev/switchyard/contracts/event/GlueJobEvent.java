package dev.switchyard.contracts.event;

import dev.switchyard.contracts.table.JobRunState;
import java.time.Instant;
import java.util.Objects;

/**
 * A Glue job run changed state: an EventBridge {@code Glue Job State Change} (final states) or {@code
 * Glue Job Run Status} (STARTING, RUNNING, STOPPING after the notify delay) event, source {@code aws.glue}.
 * See https://docs.aws.amazon.com/glue/latest/dg/automating-awsglue-with-cloudwatch-events.html
 *
 * @param eventId EventBridge's {@code id}
 * @param kind which of the two detail types it came as
 * @param jobName {@code detail.jobName}
 * @param jobRunId {@code detail.jobRunId}
 * @param state {@code detail.state}
 * @param time the envelope's {@code time}: when the state changed, to the second
 * @param startedOn {@code detail.startedOn} when the event carries it (run status events do), else null
 * @param message {@code detail.message}, or null
 */
public record GlueJobEvent(
        String eventId,
        Kind kind,
        String jobName,
        String jobRunId,
        JobRunState state,
        Instant time,
        Instant startedOn,
        String message)
        implements InboundEvent {

    public GlueJobEvent {
        Limits.id(eventId, "id");
        Objects.requireNonNull(kind, "kind");
        Limits.name(jobName, "detail.jobName");
        Limits.id(jobRunId, "detail.jobRunId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(time, "time");
        if (state.isTerminal() != (kind == Kind.STATE_CHANGE)) {
            throw new IllegalArgumentException("state " + state + " does not belong in a " + kind.detailType()
                    + " event, which carries " + (kind == Kind.STATE_CHANGE ? "final" : "non-final") + " states");
        }
    }

    /** The two EventBridge detail types Glue sends for job runs. */
    public enum Kind {
        STATE_CHANGE("Glue Job State Change"),
        RUN_STATUS("Glue Job Run Status");

        private final String detailType;

        Kind(String detailType) {
            this.detailType = detailType;
        }

        public String detailType() {
            return detailType;
        }
    }
}
