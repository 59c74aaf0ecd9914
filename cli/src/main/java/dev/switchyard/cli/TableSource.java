package dev.switchyard.cli;

import dev.switchyard.contracts.files.FileFormat;
import dev.switchyard.contracts.files.FileFormatException;
import dev.switchyard.contracts.files.Loaded;
import dev.switchyard.contracts.files.TableFiles;
import dev.switchyard.contracts.table.ControlTableItem;
import java.nio.file.Path;

/**
 * Where a control table lives, as the {@code --table} argument names it (SPEC §7): a file ({@code .csv},
 * {@code .json}, {@code .yaml}), {@code sqlite:PATH} or {@code dynamodb:TABLE}.
 */
record TableSource(String argument) {

    /** A file that exists and whose extension names a known format. */
    static Path existingFile(String argument) {
        Path file = Path.of(argument);
        try {
            FileFormat.of(file);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new UserError(argument + ": no such file");
        }
        return file;
    }

    static TableSource parse(String argument) {
        if (argument == null || argument.isBlank()) {
            throw new UserError("--table is empty; give a file (.csv, .json, .yaml), sqlite:PATH or dynamodb:TABLE");
        }
        return new TableSource(argument);
    }

    boolean isFile() {
        return !argument.startsWith("sqlite:") && !argument.startsWith("dynamodb:");
    }

    /**
     * Reads every row, with its problems.
     *
     * @throws UserError when the argument names nothing that can be read (no such file, unknown type)
     * @throws FileFormatException when the file exists but cannot be parsed (names line and column)
     */
    Loaded<ControlTableItem> load() {
        if (!isFile()) {
            throw new UserError(argument + ": SQLite and DynamoDB tables are not available in this version of"
                    + " switchyard; export the table to a .csv, .json or .yaml file and pass that");
        }
        return TableFiles.readControlTable(existingFile(argument));
    }
}
