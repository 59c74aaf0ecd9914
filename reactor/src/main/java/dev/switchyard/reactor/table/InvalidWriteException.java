package dev.switchyard.reactor.table;

import dev.switchyard.contracts.Problem;
import java.util.List;

/** A write refused before anything was written, because what it would write is invalid. */
public final class InvalidWriteException extends RuntimeException {
    private final List<Problem> problems;

    public InvalidWriteException(String summary, List<Problem> problems) {
        super(summary);
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, each with where it is. */
    public List<Problem> problems() {
        return problems;
    }
}
