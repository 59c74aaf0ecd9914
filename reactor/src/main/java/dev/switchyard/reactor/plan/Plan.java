package dev.switchyard.reactor.plan;

import dev.switchyard.contracts.plan.CheckerPayload;
import dev.switchyard.contracts.table.SkipFlag;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A category's plan for a run date: every job of the category (in the environment) in table order.
 *
 * @param environment the environment planned for, or {@code null} for every environment
 */
public record Plan(String category, LocalDate runDate, String environment, List<Decision> decisions) {
    public Plan {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(runDate, "runDate");
        decisions = List.copyOf(decisions);
    }

    /** The manifest of the category run (SPEC §3): the jobs planned SCHEDULED. */
    public List<Decision> scheduled() {
        return decisions.stream().filter(Decision::shouldRunToday).toList();
    }

    /** The checker payloads of SPEC §2, one per job in table order. */
    public List<CheckerPayload> payloads() {
        return decisions.stream()
                .map(d -> new CheckerPayload(
                        d.item().jobName(),
                        d.item().runCondition(),
                        SkipFlag.text(d.item().skipFlag()),
                        d.shouldRunToday(),
                        d.reason().name(),
                        runDate,
                        d.error()))
                .toList();
    }

    /** The decisions whose row an operator must fix. */
    public List<Decision> invalid() {
        return decisions.stream().filter(d -> d.reason().isInvalid()).toList();
    }
}
