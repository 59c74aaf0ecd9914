package dev.switchyard.reactor.ports;

import java.time.LocalDate;

/**
 * Starts the orchestration of a category run (Step Functions {@code StartExecution} on AWS). Idempotent: the
 * execution's name is derived from {@code (category, runDate)}, and an execution that already exists counts
 * as started, so a redelivered trigger never starts a second one.
 */
public interface ExecutionStarter {

    /**
     * @param environment the environment the upstream run planned, or null
     * @return the execution's id (an ARN on AWS)
     */
    String start(String category, LocalDate runDate, String environment);

    /** The execution name of a category run: the same for every caller. */
    static String executionName(String category, LocalDate runDate) {
        String safe = category.replaceAll("[^A-Za-z0-9_-]", "_");
        // Step Functions allows 80 characters; the date takes 11 of them.
        if (safe.length() > 60) {
            safe = safe.substring(0, 52) + "_" + Integer.toHexString(category.hashCode());
        }
        return safe + "-" + runDate;
    }
}
