package dev.switchyard.cli;

/** How a command prints: aligned text for a person, or JSON for a script. */
enum OutputFormat {
    table,
    json
}
