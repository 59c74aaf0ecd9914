package dev.switchyard.contracts;

import java.util.Objects;

/** A column whose value is wrong, before it is placed in a file: the column, its text and why. */
public record FieldProblem(String column, String text, String reason) {
    public FieldProblem {
        Objects.requireNonNull(reason, "reason");
    }
}
