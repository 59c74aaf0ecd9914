package dev.switchyard.reactor.react;

import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.contracts.table.ControlTableItem;
import dev.switchyard.contracts.table.JobRunState;
import dev.switchyard.contracts.table.Timestamps;
import dev.switchyard.reactor.anomaly.RunningJob;
import dev.switchyard.reactor.table.JobColumns;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * What a control-table row says of its job's latest run while that run has not ended, for the stuck checks of
 * the reconciliation sweep and of {@code switchyard anomalies}: the run is {@link Reactor#LAST_RUN_ID}, it
 * started at {@link Reactor#LAST_RUN_STARTED_ON} (else {@code LastRunTimestamp}), and belongs to the category
 * run of {@link Reactor#LAST_RUN_DATE}.
 */
public final class RunningRows {
    private RunningRows() {}

    /** A row whose StatusFlag is not final. */
    public sealed interface Row {
        String jobName();
    }

    /** The run the row shows going. */
    public record Going(RunningJob job) implements Row {
        @Override
        public String jobName() {
            return job.jobName();
        }
    }

    /** A run the row shows going without what a check needs: {@code missing} names the column. */
    public record Incomplete(String jobName, JobRunState status, String missing) implements Row {}

    /** The row's run when its StatusFlag says it has not ended; empty when it has, or says nothing readable. */
    public static Optional<Row> of(Map<String, Attr> item) {
        JobRunState status = state(JobColumns.text(item, ControlTableItem.STATUS_FLAG));
        String job = JobColumns.text(item, ControlTableItem.JOB_NAME);
        if (status == null || status.isTerminal() || job == null) {
            return Optional.empty();
        }
        String runId = JobColumns.text(item, Reactor.LAST_RUN_ID);
        if (runId == null) {
            return Optional.of(new Incomplete(job, status, Reactor.LAST_RUN_ID));
        }
        Optional<Instant> started = instant(JobColumns.text(item, Reactor.LAST_RUN_STARTED_ON))
                .or(() -> instant(JobColumns.text(item, ControlTableItem.LAST_RUN_TIMESTAMP)));
        if (started.isEmpty()) {
            return Optional.of(new Incomplete(
                    job, status, Reactor.LAST_RUN_STARTED_ON + " or " + ControlTableItem.LAST_RUN_TIMESTAMP));
        }
        return Optional.of(new Going(new RunningJob(
                job,
                JobColumns.text(item, ControlTableItem.JOB_CATEGORY),
                JobColumns.text(item, ControlTableItem.ENVIRONMENT),
                date(JobColumns.text(item, Reactor.LAST_RUN_DATE)),
                runId,
                started.get())));
    }

    private static Optional<Instant> instant(String text) {
        return text == null ? Optional.empty() : Timestamps.parse(text);
    }

    private static JobRunState state(String text) {
        try {
            return text == null ? null : JobRunState.valueOf(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static LocalDate date(String text) {
        try {
            return text == null ? null : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
