package dev.switchyard.contracts;

import java.util.List;
import java.util.Objects;

/** The result of reading a value from raw attributes: the value, or every problem found in it. */
public sealed interface Decoded<T> {

    /** A value that passed every check. */
    record Ok<T>(T value) implements Decoded<T> {
        public Ok {
            Objects.requireNonNull(value, "value");
        }
    }

    /** The problems found; never empty. */
    record Invalid<T>(List<FieldProblem> problems) implements Decoded<T> {
        public Invalid {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) {
                throw new IllegalArgumentException("an invalid result needs at least one problem");
            }
        }
    }

    /** The value, or an {@link IllegalArgumentException} listing the problems. */
    default T orThrow() {
        return switch (this) {
            case Ok<T> ok -> ok.value();
            case Invalid<T> invalid ->
                throw new IllegalArgumentException(invalid.problems().stream()
                        .map(p -> (p.column() == null ? "" : p.column() + ": ") + p.reason())
                        .reduce((a, b) -> a + "; " + b)
                        .orElseThrow());
        };
    }
}
