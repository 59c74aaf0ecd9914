package dev.switchyard.cli;

import picocli.CommandLine.Option;

/** The {@code --table} option every command that reads the control table shares (SPEC §7). */
final class TableOption {
    @Option(
            names = "--table",
            required = true,
            paramLabel = "TABLE",
            description = "The control table: a .csv, .json or .yaml file.")
    String table;

    TableSource source() {
        return TableSource.parse(table);
    }

    @Override
    public String toString() {
        return table;
    }
}
