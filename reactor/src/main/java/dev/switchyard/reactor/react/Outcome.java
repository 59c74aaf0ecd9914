package dev.switchyard.reactor.react;

import dev.switchyard.reactor.runs.Triggers;
import java.util.List;
import java.util.Objects;

/**
 * What handling one event did, for counting and for the caller's report.
 *
 * @param kind the main effect
 * @param detail a sentence for a person, e.g. why an event was ignored
 * @param triggered the category runs this event triggered (claimed the marker of)
 */
public record Outcome(Kind kind, String detail, List<Triggers.Trigger> triggered) {

    public Outcome {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
        triggered = List.copyOf(triggered);
    }

    static Outcome of(Kind kind, String detail) {
        return new Outcome(kind, detail, List.of());
    }

    /** What an event came to. */
    public enum Kind {
        /** The job's status now reflects the event. */
        APPLIED,
        /** The job's status holds a later event already; the event's other effects (its run's record, its category run, its metric) were applied. */
        SUPERSEDED,
        /** The event, or a later one of the same run, was handled before: nothing to do. */
        DUPLICATE,
        /** The job is not in the control table: counted and ignored, not rejected. */
        UNKNOWN_JOB,
        /** A control-table change, turned into an audit entry. */
        AUDITED,
        /**
         * Glue's arguments attribute the run to a category run that is not open (yet): the job's status was
         * written, the rest waits for a redelivery. A Lambda handler fails the event so that it is retried,
         * and a replay retries it after each category run it opens.
         */
        DEFERRED,
        /** Nothing to do, for the reason in {@link Outcome#detail}. */
        IGNORED
    }
}
