package dev.switchyard.statemachine;

import java.util.List;

/** The definition cannot be run by the local runner; lists every problem, each naming the state and the field. */
public final class DefinitionException extends IllegalArgumentException {
    private final List<String> problems;

    public DefinitionException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public DefinitionException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }
}
