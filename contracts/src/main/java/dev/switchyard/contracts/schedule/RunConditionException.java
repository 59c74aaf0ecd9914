package dev.switchyard.contracts.schedule;

/**
 * A RunCondition that cannot be parsed: names the offending text and its 1-based position in the
 * whole condition, so an operator can find the typo in a long list.
 */
public final class RunConditionException extends IllegalArgumentException {
    private final String condition;
    private final String offending;
    private final int position;
    private final String reason;

    /**
     * @param condition the whole RunCondition text (may be null when it was missing)
     * @param offending the part of it that is wrong
     * @param position 1-based character position of {@code offending} in {@code condition}
     * @param reason what is wrong, in words
     */
    public RunConditionException(String condition, String offending, int position, String reason) {
        super(format(condition, offending, position, reason));
        this.condition = condition;
        this.offending = offending;
        this.position = position;
        this.reason = reason;
    }

    private static String format(String condition, String offending, int position, String reason) {
        if (condition == null || condition.isBlank()) {
            return reason;
        }
        return "'" + offending + "' at position " + position + " of \"" + condition + "\": " + reason;
    }

    /** The same error, re-based into a longer condition whose text starts {@code shift} characters later. */
    public RunConditionException within(String wholeCondition, int shift) {
        return new RunConditionException(wholeCondition, offending, position + shift, reason);
    }

    public String condition() {
        return condition;
    }

    public String offending() {
        return offending;
    }

    public int position() {
        return position;
    }

    public String reason() {
        return reason;
    }
}
