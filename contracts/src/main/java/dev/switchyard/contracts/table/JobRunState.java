package dev.switchyard.contracts.table;

import java.util.Locale;
import java.util.Optional;

/**
 * The state of a Glue job run as Glue names it ({@code JobRunState}), which is what {@code StatusFlag}
 * holds. See https://docs.aws.amazon.com/glue/latest/webapi/API_JobRun.html
 */
public enum JobRunState {
    STARTING,
    RUNNING,
    STOPPING,
    STOPPED,
    SUCCEEDED,
    FAILED,
    TIMEOUT,
    ERROR,
    WAITING,
    EXPIRED;

    /** True when the run has ended and no later state of the same run can follow. */
    public boolean isTerminal() {
        return switch (this) {
            case STOPPED, SUCCEEDED, FAILED, TIMEOUT, ERROR, EXPIRED -> true;
            case STARTING, RUNNING, STOPPING, WAITING -> false;
        };
    }

    /**
     * Reads a StatusFlag in any case; the seed table's legacy values {@code success} and {@code failure}
     * (and {@code succeeded}/{@code failed} spellings of them) read as SUCCEEDED and FAILED.
     */
    public static Optional<JobRunState> parse(String text) {
        String upper = text.strip().toUpperCase(Locale.ROOT);
        return switch (upper) {
            case "SUCCESS", "SUCCESSFUL" -> Optional.of(SUCCEEDED);
            case "FAILURE", "FAIL" -> Optional.of(FAILED);
            default -> {
                try {
                    yield Optional.of(valueOf(upper));
                } catch (IllegalArgumentException unknown) {
                    yield Optional.empty();
                }
            }
        };
    }
}
