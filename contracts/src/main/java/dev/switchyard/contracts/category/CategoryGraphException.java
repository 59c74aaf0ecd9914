package dev.switchyard.contracts.category;

import java.util.List;

/** The category definitions do not form a usable graph; lists every reason. */
public final class CategoryGraphException extends IllegalArgumentException {
    private final List<String> problems;

    public CategoryGraphException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
