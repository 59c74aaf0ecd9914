package dev.switchyard.contracts.files;

import java.nio.file.Path;
import java.util.Locale;

/** The file formats a table or category file may be written in, known by the file's extension. */
public enum FileFormat {
    CSV,
    JSON,
    YAML;

    /**
     * The format of {@code file} by its extension: {@code .csv}, {@code .json}, {@code .yaml} or
     * {@code .yml}.
     *
     * @throws IllegalArgumentException for any other extension
     */
    public static FileFormat of(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return CSV;
        }
        if (name.endsWith(".json")) {
            return JSON;
        }
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            return YAML;
        }
        throw new IllegalArgumentException(
                file + ": unknown file type; use a .csv, .json, .yaml or .yml file (or sqlite:PATH, dynamodb:TABLE)");
    }
}
