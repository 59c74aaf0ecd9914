package dev.switchyard.contracts;

import java.util.Objects;

/**
 * One thing wrong with a table or category file, precise enough to fix without searching: where it is,
 * which job or category, which column, the offending text and why it is wrong.
 *
 * @param location the file and line (or store and key) of the row
 * @param subject the JobName or Category of the row, when it has one
 * @param column the column at fault, or {@code null} for the whole row or file
 * @param text the offending text, or {@code null} when it is missing
 * @param reason what is wrong, in words
 * @param severity an ERROR makes the table invalid; a WARNING is worth fixing but changes nothing today
 */
public record Problem(Location location, String subject, String column, String text, String reason, Severity severity) {
    public Problem {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(severity, "severity");
    }

    /** An error. */
    public Problem(Location location, String subject, String column, String text, String reason) {
        this(location, subject, column, text, reason, Severity.ERROR);
    }

    /** Whether a problem makes the table invalid. */
    public enum Severity {
        ERROR,
        WARNING
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** A problem with a column of a row. */
    public static Problem of(Location location, String subject, FieldProblem field) {
        return new Problem(location, subject, field.column(), field.text(), field.reason());
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(location.toString()).append(": ");
        if (severity == Severity.WARNING) {
            s.append("warning: ");
        }
        if (subject != null) {
            s.append(subject).append(": ");
        }
        if (column != null) {
            s.append(column).append(": ");
        }
        return s.append(reason).toString();
    }
}
