package dev.switchyard.contracts;

import java.util.Objects;

/**
 * Where a row comes from: a file and the line its record starts on (1-based; 0 when unknown), or a store
 * and the row's key.
 */
public record Location(String source, int line) {
    public Location {
        Objects.requireNonNull(source, "source");
        if (line < 0) {
            throw new IllegalArgumentException("line must be >= 0: " + line);
        }
    }

    @Override
    public String toString() {
        return line > 0 ? source + ":" + line : source;
    }
}
