package dev.switchyard.cli;

import picocli.CommandLine.Option;

/** The {@code --actor} option of every command that writes: who is recorded as {@code UpdatedBy}. */
final class ActorOption {
    @Option(
            names = "--actor",
            paramLabel = "NAME",
            description = "Who makes the change, recorded as UpdatedBy and in the audit trail (default: the OS user,"
                    + " ${sys:user.name}).")
    String actor;

    String actor() {
        if (actor != null && !actor.isBlank()) {
            return actor.strip();
        }
        String user = System.getProperty("user.name");
        return user == null || user.isBlank() ? "unknown" : user;
    }
}
