package dev.switchyard.reactor.runs;

import dev.switchyard.contracts.table.JobRunState;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The order in which a job's run events supersede each other (SPEC §4), as text that sorts the same way, so
 * that one conditional write ({@code LastOrder < :order}) decides it on any store.
 *
 * <p>A job's events are ordered by their run, then within the run. Runs are ordered by their start (where it
 * is unknown, the earliest time seen of the run), then by run id so that two runs started in the same
 * millisecond still have an order. Within a run a final state comes after every non-final one, then the
 * later event comes after the earlier, then a fixed rank breaks ties of one second. Because this is a total
 * order and each write keeps the greater, the outcome is the greatest event delivered: the same in any
 * delivery order and with any duplicates.
 */
public final class RunOrder {
    private static final DateTimeFormatter FIXED =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private RunOrder() {}

    /** An instant as fixed-width text to the millisecond, which sorts as the instants do. */
    public static String instant(Instant instant) {
        return FIXED.format(instant);
    }

    /** The order of a job's event: its run's, then its own within the run. */
    public static String of(Instant runStart, String jobRunId, JobRunState state, Instant eventTime) {
        return run(runStart, jobRunId) + " " + within(state, eventTime);
    }

    /** The order of a run among a job's runs. Run ids hold no white space, so a space ends them. */
    public static String run(Instant runStart, String jobRunId) {
        if (jobRunId.chars().anyMatch(c -> c <= ' ')) {
            throw new IllegalArgumentException("a run id holds no white space: '" + jobRunId + "'");
        }
        return FIXED.format(runStart) + " " + jobRunId;
    }

    /** The order of an event within its run. */
    public static String within(JobRunState state, Instant eventTime) {
        return (state.isTerminal() ? "1 " : "0 ") + FIXED.format(eventTime) + " " + "%02d".formatted(rank(state));
    }

    private static int rank(JobRunState state) {
        return switch (state) {
            case WAITING -> 1;
            case STARTING -> 2;
            case RUNNING -> 3;
            case STOPPING -> 4;
            case SUCCEEDED -> 5;
            case STOPPED -> 6;
            case TIMEOUT -> 7;
            case FAILED -> 8;
            case ERROR -> 9;
            case EXPIRED -> 10;
        };
    }
}
