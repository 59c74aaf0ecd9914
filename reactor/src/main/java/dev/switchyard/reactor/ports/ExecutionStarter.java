package dev.switchyard.reactor.ports;

import dev.switchyard.contracts.Digests;
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

    /**
     * The execution name of a category run: the same for every caller, and different for different categories.
     * Step Functions allows 80 characters of {@code [A-Za-z0-9_-]} (and a few more this leaves out); a category
     * name that had to be changed to fit ({@code Daily Sales} and {@code Daily_Sales} would both become {@code
     * Daily_Sales}) gets a hash of its exact name, so that two categories never share a name and the second
     * never counts, wrongly, as started.
     */
    static String executionName(String category, LocalDate runDate) {
        String safe = category.replaceAll("[^A-Za-z0-9_-]", "_");
        if (safe.equals(category) && safe.length() <= 60) {
            return safe + "-" + runDate;
        }
        if (safe.length() > 52) {
            safe = safe.substring(0, 52);
        }
        return safe + "-" + Digests.hex(4, category) + "-" + runDate;
    }
}
