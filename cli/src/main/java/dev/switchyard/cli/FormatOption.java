package dev.switchyard.cli;

import picocli.CommandLine.Option;

/** The {@code --format} option of every command that prints. */
final class FormatOption {
    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "table",
            description = "table (aligned text for a person) or json (for scripts) (default: ${DEFAULT-VALUE}).")
    OutputFormat format;

    boolean json() {
        return format == OutputFormat.json;
    }
}
