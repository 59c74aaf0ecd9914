package dev.switchyard.cli;

import dev.switchyard.contracts.files.FileFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where a control table lives, as the {@code --table} argument names it (SPEC §7): a file ({@code .csv},
 * {@code .json}, {@code .yaml}), {@code sqlite:PATH} (the embedded store; {@code sqlite:} alone is
 * {@code .switchyard/switchyard.db}) or {@code dynamodb:TABLE}.
 */
record TableSource(String argument, Kind kind, String location) {
    static final Path DEFAULT_SQLITE = Path.of(".switchyard", "switchyard.db");

    /** DynamoDB's table name rule: 3–255 of letters, digits, underscore, hyphen and dot. */
    private static final Pattern DYNAMODB_NAME = Pattern.compile("[A-Za-z0-9_.-]{3,255}");

    /** The kinds of table. */
    enum Kind {
        FILE,
        SQLITE,
        DYNAMODB
    }

    static TableSource parse(String argument) {
        if (argument == null || argument.isBlank()) {
            throw new UserError("--table is empty; give a file (.csv, .json, .yaml), sqlite:PATH or dynamodb:TABLE");
        }
        if (argument.startsWith("sqlite:")) {
            String path = argument.substring("sqlite:".length()).strip();
            return new TableSource(argument, Kind.SQLITE, path.isEmpty() ? DEFAULT_SQLITE.toString() : path);
        }
        if (argument.startsWith("dynamodb:")) {
            String name = argument.substring("dynamodb:".length()).strip();
            if (!DYNAMODB_NAME.matcher(name).matches()) {
                throw new UserError("'" + name + "' is not a DynamoDB table name (3 to 255 letters, digits, '_', '-'"
                        + " or '.'): " + argument);
            }
            return new TableSource(argument, Kind.DYNAMODB, name);
        }
        return new TableSource(argument, Kind.FILE, argument);
    }

    boolean isFile() {
        return kind == Kind.FILE;
    }

    /** The file this source names, which must exist and have a known extension. */
    Path file() {
        if (!isFile()) {
            throw new IllegalStateException(argument + " is not a file");
        }
        return existingFile(location);
    }

    /** A file that exists and whose extension names a known format. */
    static Path existingFile(String argument) {
        Path file = Path.of(argument);
        try {
            FileFormat.of(file);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage() + " (a store is named sqlite:PATH or dynamodb:TABLE)");
        }
        if (!Files.isRegularFile(file)) {
            throw new UserError(argument + ": no such file");
        }
        return file;
    }

    /** The table as messages name it: {@code sqlite:} alone reads as the file it means. */
    @Override
    public String toString() {
        return switch (kind) {
            case FILE -> argument;
            case SQLITE -> "sqlite:" + location;
            case DYNAMODB -> "dynamodb:" + location;
        };
    }
}
