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
        List<String> problems,
        int rejected,
        boolean stopped,
        Duration took) {
    public boolean succeeded() {
        return !stopped
                && !executions.isEmpty()
                && executions.stream().allMatch(e -> e.result().status() == ExecutionResult.Status.SUCCEEDED);
    }
}
