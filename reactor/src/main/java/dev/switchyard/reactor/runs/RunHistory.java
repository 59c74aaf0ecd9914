package dev.switchyard.reactor.runs;

import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.contracts.table.JobRunState;
import dev.switchyard.contracts.table.Timestamps;
import dev.switchyard.reactor.store.Condition;
import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.store.Page;
import dev.switchyard.reactor.store.Path;
import dev.switchyard.reactor.store.Query;
import dev.switchyard.reactor.store.Update;
import dev.switchyard.reactor.table.StateTable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One record per Glue run (SPEC §4), kept for baselines and the UI until its time to live passes: item
 * {@code PK = RUN#<job>}, {@code SK = <jobRunId>}, ordered by {@code At} (the run's start) in the
 * {@code ByTime} index so the latest runs of a job are one query.
 */
public final class RunHistory {
    static final String PREFIX = "RUN#";
    static final String ORDER = "Order";

    /** When a STUCK anomaly was published for the run: it is published once per run. */
    static final String STUCK_AT = "StuckAt";

    private final ItemTable table;
    private final Duration retention;

    /**
     * @param retention how long a record is kept after its last write (DynamoDB's time to live removes it;
     *     the embedded store keeps it)
     */
    public RunHistory(ItemTable table, Duration retention) {
        this.table = table;
        this.retention = retention;
    }

    /**
     * Merges what is known of a run into its record unless the record already holds an event of the run
     * that is as late or later ({@link RunOrder#within}): so a late RUNNING event cannot undo a SUCCEEDED
     * one, and a redelivered event changes nothing.
     *
     * @param order the event's order within its run
     * @return whether it was written
     */
    public boolean record(JobRun run, String order, Instant now) {
        Update.Builder update = Update.builder()
                .set("JobName", new Attr.S(run.jobName()))
                .set("JobRunId", new Attr.S(run.jobRunId()))
                .set("State", new Attr.S(run.state().name()))
                .set(ORDER, new Attr.S(order))
                .set(StateTable.EXPIRES_AT, Attr.n(now.plus(retention).getEpochSecond()));
        text(update, "Category", run.category());
        text(update, "RunDate", run.runDate() == null ? null : run.runDate().toString());
        if (run.startedOn() != null) {
            // to the millisecond and fixed-width: it orders the runs in the ByTime index, and the run's events
            // share it as their run's place (RunOrder), so it must be the start exactly as first seen
            update.set(StateTable.AT, new Attr.S(RunOrder.instant(run.startedOn())));
        }
        // to the millisecond as well, as Glue states it: a run's duration is its end less its start
        text(update, "CompletedOn", run.completedOn() == null ? null : RunOrder.instant(run.completedOn()));
        number(update, "ExecutionTimeSeconds", run.executionTimeSeconds());
        number(update, "Attempt", run.attempt());
        number(update, "MaxCapacity", run.maxCapacity());
        text(update, "WorkerType", run.workerType());
        number(update, "NumberOfWorkers", run.numberOfWorkers());
        text(update, "ErrorMessage", run.errorMessage());
        Condition later = Condition.or(
                Condition.notExists(ORDER), Condition.compare(Path.of(ORDER), Condition.Op.LT, new Attr.S(order)));
        return table.update(key(run.jobName(), run.jobRunId()), update.build(), later)
                .applied();
    }

    /** A run's record and the order of the latest event written into it. */
    public record Entry(JobRun run, String order) {}

    /** The record of one run, with its order. */
    public Optional<Entry> entry(String jobName, String jobRunId) {
        return table.get(key(jobName, jobRunId))
                .map(item -> new Entry(read(item), item.get(ORDER) instanceof Attr.S s ? s.value() : ""));
    }

    /** The record of one run. */
    public Optional<JobRun> get(String jobName, String jobRunId) {
        return table.get(key(jobName, jobRunId)).map(RunHistory::read);
    }

    /** Whether a STUCK anomaly was published for the run (see {@link #flagStuck}). */
    public boolean flaggedStuck(String jobName, String jobRunId) {
        return table.get(key(jobName, jobRunId))
                .map(item -> item.containsKey(STUCK_AT))
                .orElse(false);
    }

    /**
     * Notes that a STUCK anomaly was published for the run, so later sweeps do not publish it again. Written
     * after the publication (a crash in between publishes it twice, never not at all), and only into a record
     * that exists.
     */
    public void flagStuck(String jobName, String jobRunId, Instant now) {
        table.update(
                key(jobName, jobRunId),
                Update.builder()
                        .set(STUCK_AT, new Attr.S(Timestamps.format(now)))
                        .build(),
                Condition.exists(ORDER));
    }

    /**
     * Copies every run record of {@code from} into {@code to}, as they are (a record {@code to} holds already is
     * replaced): a new local store keeps the runs of the one it replaces, which baselines and charts need.
     *
     * @return how many records were copied
     */
    public static int copyAll(ItemTable from, ItemTable to) {
        int copied = 0;
        Map<String, Attr> after = null;
        do {
            Page page = from.scan(1_000, after);
            for (Map<String, Attr> item : page.items()) {
                if (item.get(StateTable.PK) instanceof Attr.S pk && pk.value().startsWith(PREFIX)) {
                    to.put(item, Condition.ALWAYS);
                    copied++;
                }
            }
            after = page.lastKey();
        } while (after != null);
        return copied;
    }

    /** A job's latest runs, newest first (by start). */
    public List<JobRun> recent(String jobName, int limit) {
        Page page = table.query(
                Query.index(StateTable.BY_TIME, PREFIX + jobName, limit).descending());
        List<JobRun> runs = new ArrayList<>(page.items().size());
        page.items().forEach(item -> runs.add(read(item)));
        return runs;
    }

    private static JobRun read(Map<String, Attr> item) {
        return new JobRun(
                s(item, "JobName"),
                s(item, "JobRunId"),
                JobRunState.valueOf(s(item, "State")),
                s(item, "Category"),
                s(item, "RunDate") == null ? null : LocalDate.parse(s(item, "RunDate")),
                instant(item, StateTable.AT),
                instant(item, "CompletedOn"),
                item.get("ExecutionTimeSeconds") instanceof Attr.N n ? Long.valueOf(n.value()) : null,
                item.get("Attempt") instanceof Attr.N n ? Integer.valueOf(n.value()) : null,
                item.get("MaxCapacity") instanceof Attr.N n ? Double.valueOf(n.value()) : null,
                s(item, "WorkerType"),
                item.get("NumberOfWorkers") instanceof Attr.N n ? Integer.valueOf(n.value()) : null,
                s(item, "ErrorMessage"));
    }

    private static Instant instant(Map<String, Attr> item, String attribute) {
        String text = s(item, attribute);
        return text == null ? null : Timestamps.parse(text).orElse(null);
    }

    private static String s(Map<String, Attr> item, String attribute) {
        return item.get(attribute) instanceof Attr.S s ? s.value() : null;
    }

    private static void text(Update.Builder update, String attribute, String value) {
        if (value != null) {
            update.set(attribute, new Attr.S(value));
        }
    }

    private static void number(Update.Builder update, String attribute, Number value) {
        if (value != null) {
            update.set(attribute, new Attr.N(value.toString()));
        }
    }

    private static Map<String, Attr> key(String jobName, String jobRunId) {
        Map<String, Attr> key = new LinkedHashMap<>();
        key.put(StateTable.PK, new Attr.S(PREFIX + jobName));
        key.put(StateTable.SK, new Attr.S(jobRunId));
        return key;
    }
}
