package dev.switchyard.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.contracts.orchestration.NotStarted;
import dev.switchyard.contracts.orchestration.PlanSlice;
import dev.switchyard.contracts.table.JobRunState;
import dev.switchyard.statemachine.ExecutionResult;
import java.time.Duration;
import java.util.List;

/**
 * One execution of the state machine, the job runs it started, and the jobs it could not start.
 */
public record ExecutionReport(
        String name,
        JsonNode input,
        PlanSlice plan,
        ExecutionResult result,
        List<LocalGlue.Run> jobs,
        List<NotStarted> notStarted,
        Duration took) {
    /** Job runs that did not succeed, and jobs that did not start. */
    public long failures() {
        return jobs.stream().filter(j -> j.state() != JobRunState.SUCCEEDED).count() + notStarted.size();
    }
}
