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
 */
public record Problem(Location location, String subject, String column, String text, String reason) {
    public Problem {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(reason, "reason");
    }

    /** A problem with a column of a row. */
    public static Problem of(Location location, String subject, FieldProblem field) {
        return new Problem(location, subject, field.column(), field.text(), field.reason());
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(location.toString()).append(": ");
        if (subject != null) {
            s.append(subject).append(": ");
        }
        if (column != null) {
            s.append(column).append(": ");
        }
        return s.append(reason).toString();
    }
}
