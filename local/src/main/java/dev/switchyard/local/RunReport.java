package dev.switchyard.local;

import dev.switchyard.contracts.domain.DomainEvent;
import dev.switchyard.statemachine.ExecutionResult;
import java.time.Duration;
import java.util.List;

/** Everything a call of {@link LocalOrchestrator#run} did. */
public record RunReport(
        List<ExecutionReport> executions,
        List<DomainEvent.CategoryTriggered> triggers,
        List<DomainEvent.CategoryRunBlocked> blocked,
        List<Unfinished> unfinished,
        List<String> problems,
        int rejected,
        boolean stopped,
        Duration took) {
    /** Every execution succeeded, nothing is left open, and nothing went wrong on the way (see {@code problems}). */
    public boolean succeeded() {
        return !stopped
                && unfinished.isEmpty()
                && problems.isEmpty()
                && !executions.isEmpty()
                && executions.stream().allMatch(e -> e.result().status() == ExecutionResult.Status.SUCCEEDED);
    }

    /** A category run still open after the run: these manifest jobs have no final result. */
    public record Unfinished(String category, java.time.LocalDate runDate, List<String> pending) {}
}
