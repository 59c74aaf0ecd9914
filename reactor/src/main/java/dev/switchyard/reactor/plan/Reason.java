package dev.switchyard.reactor.plan;

/** Why a job runs or not on a run date, decided in this order (SPEC §2). */
public enum Reason {
    /** SkipFlag holds none of the accepted values; the job does not run. */
    INVALID_SKIP_FLAG(false, "invalid SkipFlag"),
    /** SkipFlag is yes; the job does not run, whatever its RunCondition says. */
    SKIPPED(false, "skipped"),
    /** RunCondition cannot be parsed; the job does not run, and this is surfaced loudly. */
    INVALID_RUN_CONDITION(false, "invalid RunCondition"),
    /** RunCondition matches the run date. */
    SCHEDULED(true, "scheduled"),
    /** RunCondition does not match the run date. */
    NOT_SCHEDULED(false, "not scheduled");

    private final boolean runs;
    private final String words;

    Reason(boolean runs, String words) {
        this.runs = runs;
        this.words = words;
    }

    public boolean runs() {
        return runs;
    }

    /** The reason for a person. */
    public String words() {
        return words;
    }

    /** Whether the row itself is wrong and needs an operator. */
    public boolean isInvalid() {
        return this == INVALID_SKIP_FLAG || this == INVALID_RUN_CONDITION;
    }
}
