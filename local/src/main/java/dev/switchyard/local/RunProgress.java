package dev.switchyard.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.contracts.domain.DomainEvent;
import dev.switchyard.contracts.orchestration.NotStarted;
import dev.switchyard.contracts.orchestration.PlanSlice;
import dev.switchyard.reactor.plan.Plan;

/** What a local run shows as it goes. Called from several threads. */
public interface RunProgress extends LocalGlue.Listener {
    default void imported(int jobs, int categories) {}

    default void executionStarted(String name, JsonNode input) {}

    /**
     * @param plan every decision of the plan, for the first slice of a run (null for a later slice or a
     *     re-run, which plan nothing anew)
     */
    default void planned(String executionName, PlanSlice slice, Plan plan) {}

    /** The state machine could not start a job (it is recorded as failed in its category run). */
    default void notStarted(String executionName, NotStarted job) {}

    default void executionFinished(ExecutionReport report) {}

    default void domainEvent(DomainEvent event) {}

    default void problem(String message) {}

    /** Something the run goes on without, which does not fail it. */
    default void warning(String message) {}
}
