package dev.switchyard.dashboard;

import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.contracts.table.ControlTableItem;
import dev.switchyard.contracts.table.JobRunState;
import dev.switchyard.reactor.runs.CategoryRuns;
import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.table.ControlTable;
import dev.switchyard.reactor.table.InvalidWriteException;
import dev.switchyard.reactor.table.JobColumns;
import dev.switchyard.reactor.table.NoSuchItemException;
import dev.switchyard.reactor.table.Stamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Operator actions on the stores: SkipFlag is written to the control table as {@code switchyard jobs skip} writes
 * it, and a re-run is handed to a {@link Rerunner} once the category run is found blocked.
 */
public final class StoreOperator implements Operator {
    /** Starts the re-run of a blocked category run: locally, or as a Step Functions execution. */
    @FunctionalInterface
    public interface Rerunner {
        /** Starts it, and says what was started. */
        String rerun(String category, LocalDate date);
    }

    private final ControlTable control;
    private final CategoryRuns runs;
    private final Rerunner rerunner;
    private final Clock clock;

    /** @param rerunner how to re-run, or null where re-running is not available */
    public StoreOperator(ItemTable jobs, ItemTable state, Rerunner rerunner, Clock clock) {
        this.control = new ControlTable(jobs);
        this.runs = new CategoryRuns(state, Duration.ZERO);
        this.rerunner = rerunner;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String setSkip(String jobName, boolean skip, String actor) {
        ControlTable.Written written;
        try {
            written = control.setSkipFlag(jobName, skip, new Stamp(actor, clock.instant()));
        } catch (NoSuchItemException e) {
            throw new Refused(404, "no job " + jobName + " in the control table");
        } catch (InvalidWriteException e) {
            throw new Refused(409, e.getMessage());
        }
        if (written.outcome() == ControlTable.Outcome.UNCHANGED) {
            return jobName + " already has SkipFlag " + (skip ? "YES" : "NO");
        }
        return jobName + (skip ? " skipped" : " unskipped") + " (SkipFlag " + (skip ? "YES" : "NO") + ", version "
                + written.version() + ")";
    }

    @Override
    public String rerunFailed(String category, LocalDate date, String actor) {
        CategoryRuns.CategoryRun run = runs.get(category, date)
                .orElseThrow(() -> new Refused(404, "category " + category + " has no run on " + date));
        if (run.status() != CategoryRuns.Status.BLOCKED) {
            throw new Refused(
                    409,
                    "the run of " + category + " on " + date + " is " + run.status()
                            + ", not BLOCKED: there are no failed jobs to re-run");
        }
        // The run stays BLOCKED until its re-run's jobs end: a job of it running again is a re-run going.
        List<String> going = runs.blockers(category, date).stream()
                .map(CategoryRuns.Entry::jobName)
                .filter(this::running)
                .toList();
        if (!going.isEmpty()) {
            throw new Refused(
                    409,
                    "a re-run of " + category + " on " + date + " is going: " + String.join(", ", going)
                            + (going.size() == 1 ? " runs" : " run") + " again; wait for it to end");
        }
        if (rerunner == null) {
            throw new Refused(
                    501,
                    "re-running is not available from this dashboard: start it with --project DIR (the embedded"
                            + " store) or --state-machine ARN (AWS)");
        }
        return rerunner.rerun(category, date);
    }

    /** Whether the control table shows the job's last run going. */
    private boolean running(String jobName) {
        return control.get(jobName).map(StoreOperator::going).orElse(false);
    }

    /** Whether a control-table row shows its job's last run going: a StatusFlag that is not final. */
    public static boolean going(Map<String, Attr> item) {
        String status = JobColumns.text(item, ControlTableItem.STATUS_FLAG);
        return status != null
                && JobRunState.parse(status).map(state -> !state.isTerminal()).orElse(false);
    }
}
