package dev.switchyard.reactor.react;

import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.contracts.domain.DomainEvent;
import dev.switchyard.contracts.event.ExecutionStatusChanged;
import dev.switchyard.contracts.event.GlueArguments;
import dev.switchyard.contracts.event.GlueJobEvent;
import dev.switchyard.contracts.event.InboundEvent;
import dev.switchyard.contracts.event.TableChanged;
import dev.switchyard.contracts.metric.JobRunMetric;
import dev.switchyard.contracts.table.ControlTableItem;
import dev.switchyard.contracts.table.JobRunState;
import dev.switchyard.contracts.table.Timestamps;
import dev.switchyard.reactor.anomaly.AnomalyDetector;
import dev.switchyard.reactor.ports.GlueRun;
import dev.switchyard.reactor.runs.CategoryRuns;
import dev.switchyard.reactor.runs.JobRun;
import dev.switchyard.reactor.runs.RunHistory;
import dev.switchyard.reactor.runs.RunOrder;
import dev.switchyard.reactor.runs.Triggers;
import dev.switchyard.reactor.store.Condition;
import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.store.Path;
import dev.switchyard.reactor.table.Categories;
import dev.switchyard.reactor.table.ControlTable;
import dev.switchyard.reactor.table.JobColumns;
import dev.switchyard.reactor.table.Stamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reactor (SPEC §4): turns each input into its effects on the stores and the sinks. Every effect is a
 * conditional write or an idempotent call, and a job event's run record is written last, as the mark that
 * the event was handled whole; so any redelivery, any order, a crash between two effects, and several
 * instances at once all end in the same state. Pure: the stores and services are ports, and time is an
 * argument.
 *
 * <p>A final Glue event costs, in store requests: the run's record read and written (2), the job's status
 * write (1), its category run's chunk and header updates (2, plus a header read the first time an
 * instance meets the run); more only for the event that completes a category run (chaining) and where Glue
 * cannot tell the run's category run (attribution by the manifests).
 */
public final class Reactor {
    /** The reactor-owned column that orders status writes: see {@link RunOrder}. */
    public static final String LAST_ORDER = "LastOrder";

    /** The reactor-owned column naming the run that {@code StatusFlag} is about. */
    public static final String LAST_RUN_ID = "LastRunId";

    /** The reactor-owned column holding the start of the run that {@code StatusFlag} is about. */
    public static final String LAST_RUN_STARTED_ON = "LastRunStartedOn";

    /** The reactor-owned column naming the run date of the category run the last run belonged to. */
    public static final String LAST_RUN_DATE = "LastRunDate";

    private final ControlTable control;
    private final RunHistory history;
    private final CategoryRuns categoryRuns;
    private final Chaining chaining;
    private final Ports ports;
    private final ReactorConfig config;
    private final LiveAnomalies anomalies;

    public Reactor(ControlTable control, ItemTable state, Ports ports, ReactorConfig config) {
        this.control = control;
        this.history = new RunHistory(state, config.historyRetention());
        this.categoryRuns = new CategoryRuns(state, config.runRetention());
        this.chaining = new Chaining(
                new Categories(state),
                categoryRuns,
                new Triggers(state, config.runRetention()),
                ports.starter(),
                ports.domainEvents(),
                config.actor());
        this.ports = ports;
        this.config = config;
        this.anomalies = config.anomalies() == null
                ? null
                : new LiveAnomalies(history, new AnomalyDetector(config.anomalies()), ports.domainEvents());
    }

    /** Fan-in chaining, for reconciliation. */
    Chaining chaining() {
        return chaining;
    }

    ControlTable control() {
        return control;
    }

    CategoryRuns categoryRuns() {
        return categoryRuns;
    }

    RunHistory history() {
        return history;
    }

    /** Anomaly detection, or null when the configuration leaves it out. */
    LiveAnomalies anomalies() {
        return anomalies;
    }

    ReactorConfig config() {
        return config;
    }

    /** Handles one input. Throws {@code TransientFailureException} when a store or service is unavailable. */
    public Outcome handle(InboundEvent event, Instant now) {
        return switch (event) {
            case GlueJobEvent glue -> jobEvent(glue, null, now);
            case TableChanged changed -> {
                ports.audit().accept(Audits.of(changed.change()));
                yield Outcome.of(
                        Outcome.Kind.AUDITED,
                        changed.change().kind() + " of " + changed.change().keys());
            }
            case ExecutionStatusChanged execution -> executionChanged(execution, now);
        };
    }

    /**
     * Chains from a category run that has just been opened, for a run whose manifest is empty: it succeeded at
     * once (SPEC §3), so its downstream categories are due now.
     */
    public Outcome opened(CategoryRuns.CategoryRun run, Instant now) {
        if (run.status() != CategoryRuns.Status.SUCCEEDED) {
            return Outcome.of(Outcome.Kind.IGNORED, "the run is " + run.status());
        }
        return new Outcome(Outcome.Kind.APPLIED, "chained from " + run.category(), chaining.chain(run, now));
    }

    /** A final event reconciliation made up from what Glue said, with that answer, so Glue is not asked twice. */
    Outcome handleFound(GlueJobEvent event, GlueRun found, Instant now) {
        return jobEvent(event, found, now);
    }

    /** @param found Glue's answer for the run when the caller has it, else null */
    private Outcome jobEvent(GlueJobEvent event, GlueRun found, Instant now) {
        String within = RunOrder.within(event.state(), event.time());
        Optional<RunHistory.Entry> seen = history.entry(event.jobName(), event.jobRunId());
        if (seen.isPresent() && seen.get().order().compareTo(within) >= 0) {
            return Outcome.of(Outcome.Kind.DUPLICATE, "run " + event.jobRunId() + " was handled up to a later event");
        }
        Run run = run(event, seen.map(RunHistory.Entry::run).orElse(null), found);

        // 1. Which category run the run belongs to (final events only): Glue's arguments, an earlier event of
        //    the run, or the manifests, which need the job's item.
        Map<String, Attr> item = null;
        if (run.last() && run.attribution() == null) {
            item = control.get(event.jobName()).orElse(null);
            if (item == null) {
                return unknownJob(event.jobName());
            }
            run = run.attributed(byManifest(event.jobName(), item));
            if (run.attribution() == null && config.deferUnattributed()) {
                // nothing written yet: handled whole when a run opens, or at the end without a category run
                return Outcome.of(
                        Outcome.Kind.DEFERRED,
                        "no category run of " + JobColumns.text(item, ControlTableItem.JOB_CATEGORY) + " holding "
                                + event.jobName() + " is open");
            }
        }

        // 2. The job's status, if this is the greatest event delivered.
        String order = RunOrder.of(run.start(), event.jobRunId(), event.state(), event.time());
        ControlTable.StatusWrite written = control.writeStatus(
                event.jobName(), statusColumns(event, run, order), laterThan(order), new Stamp(config.actor(), now));
        // A job deleted after its category run was planned is still in the manifest: its result still counts
        // there, or the run could never complete. Any other event of a job not in the table is ignored.
        boolean gone = written.outcome() == ControlTable.StatusOutcome.NO_SUCH_JOB;
        if (gone && (!run.last() || run.attribution() == null)) {
            return unknownJob(event.jobName());
        }
        Outcome.Kind kind = switch (written.outcome()) {
            case APPLIED -> Outcome.Kind.APPLIED;
            case SUPERSEDED -> Outcome.Kind.SUPERSEDED;
            case NO_SUCH_JOB -> Outcome.Kind.UNKNOWN_JOB;
        };

        // 3. A final run's category run, chaining and metric.
        List<Triggers.Trigger> triggered = List.of();
        if (run.last()) {
            if (written.item() != null) {
                item = written.item(); // after the write, or as it is when the write was superseded
            }
            String environment = JobColumns.text(item, ControlTableItem.ENVIRONMENT);
            Attribution at = run.attribution();
            if (at != null) {
                switch (categoryRuns.record(
                        at.category(), at.runDate(), event.jobName(), event.jobRunId(), event.state(), now)) {
                    case CategoryRuns.Recorded.NoSuchRun none -> {
                        // the run's record is not written: the redelivery does the rest
                        return gone
                                ? unknownJob(event.jobName())
                                : Outcome.of(
                                        Outcome.Kind.DEFERRED,
                                        "category run " + at.category() + " on " + at.runDate() + " of run "
                                                + event.jobRunId() + " is not open");
                    }
                    case CategoryRuns.Recorded.NotInManifest notInManifest -> {
                        if (gone) {
                            return unknownJob(event.jobName());
                        }
                    }
                    case CategoryRuns.Recorded.Progress progress -> {
                        if (progress.run().environment() != null) {
                            environment = progress.run().environment();
                        }
                        triggered = afterProgress(progress.run(), now);
                    }
                }
            }
            JobRunMetric metric = Metrics.of(
                    event,
                    run.glue(),
                    firstOf(JobColumns.text(item, ControlTableItem.JOB_CATEGORY), at == null ? null : at.category()),
                    environment,
                    at == null ? null : at.runDate(),
                    run.startedOn(),
                    run.completedOn(event),
                    run.durationSeconds(event),
                    run.error(event),
                    now);
            // The anomaly first: were its publication to fail after the metric was written, the redelivery would
            // write the metric again, and CloudWatch counts an EMF line twice.
            if (anomalies != null) {
                anomalies.judge(metric, now);
            }
            ports.metrics().accept(metric);
        }

        // 4. Last, the run's record: the mark that this event was handled whole.
        history.record(runRecord(event, run), within, now);
        String detail = event.state() + " of " + event.jobName() + " run " + event.jobRunId()
                + (gone ? ": the job is no longer in the control table; its category run counted the result" : "");
        return new Outcome(kind, detail, triggered);
    }

    /**
     * What is known of an event's run: Glue's word (asked for final events only), its start (where Glue, the
     * event and earlier events all say nothing, the event's time orders it), and its category run.
     */
    private record Run(boolean last, GlueRun glue, Instant startedOn, Instant start, Attribution attribution) {
        Run attributed(Attribution attribution) {
            return new Run(last, glue, startedOn, start, attribution);
        }

        /** When a final run ended: Glue's word, else the time of its final event; null before it ends. */
        Instant completedOn(GlueJobEvent event) {
            if (!last) {
                return null;
            }
            return glue != null && glue.completedOn() != null ? glue.completedOn() : event.time();
        }

        /** A final run's duration, when its start is known and not after its end. */
        Long durationSeconds(GlueJobEvent event) {
            Instant end = completedOn(event);
            return end == null || startedOn == null || end.isBefore(startedOn)
                    ? null
                    : Duration.between(startedOn, end).toSeconds();
        }

        /** A failed run's message: Glue's, else the event's; none for a run that succeeded or has not ended. */
        String error(GlueJobEvent event) {
            if (!last || event.state() == JobRunState.SUCCEEDED) {
                return null;
            }
            return glue != null && glue.errorMessage() != null ? glue.errorMessage() : event.message();
        }
    }

    private Run run(GlueJobEvent event, JobRun known, GlueRun found) {
        boolean last = event.state().isTerminal();
        GlueRun glue = !last
                ? null
                : found != null
                        ? found
                        : ports.glue().jobRun(event.jobName(), event.jobRunId()).orElse(null);
        Instant startedOn = firstOf(
                glue == null ? null : glue.startedOn(), event.startedOn(), known == null ? null : known.startedOn());
        // The run's place among the job's runs is the start first recorded for it, so that all of its events
        // share one, even where Glue and an event state the start to another precision.
        Instant start = firstOf(known == null ? null : known.startedOn(), startedOn, event.time());
        return new Run(last, glue, startedOn, start, last ? attributed(glue, known) : null);
    }

    private List<Triggers.Trigger> afterProgress(CategoryRuns.CategoryRun run, Instant now) {
        switch (run.status()) {
            case SUCCEEDED -> {
                // chaining first: a failing (optional) event bus must not hold back the downstream runs
                List<Triggers.Trigger> triggered = chaining.chain(run, now);
                ports.domainEvents()
                        .accept(new DomainEvent.CategoryRunSucceeded(
                                run.category(), run.runDate(), run.environment(), now));
                return triggered;
            }
            case BLOCKED ->
                ports.domainEvents()
                        .accept(new DomainEvent.CategoryRunBlocked(
                                run.category(),
                                run.runDate(),
                                run.environment(),
                                categoryRuns.blockers(run.category(), run.runDate()).stream()
                                        .map(CategoryRuns.Entry::jobName)
                                        .toList(),
                                now));
            case OPEN -> {}
        }
        return List.of();
    }

    private Outcome executionChanged(ExecutionStatusChanged execution, Instant now) {
        if (execution.category() == null || execution.runDate() == null) {
            return Outcome.of(
                    Outcome.Kind.IGNORED,
                    "execution " + execution.executionArn() + " names no JobCategory and RunDate in its input");
        }
        if (!execution.status().isFinal()) {
            return Outcome.of(Outcome.Kind.IGNORED, "execution is " + execution.status());
        }
        // A safety net for chaining: the run may have succeeded with no job event left to deliver (an
        // empty manifest, or a crash after the last job's event was handled).
        Optional<CategoryRuns.CategoryRun> run = categoryRuns.get(execution.category(), execution.runDate());
        if (run.isEmpty()) {
            return Outcome.of(
                    Outcome.Kind.IGNORED,
                    "no category run " + execution.category() + " on " + execution.runDate() + " is open");
        }
        return opened(run.get(), now);
    }

    /** Where Glue's arguments, or an earlier event of the run, tell the category run. */
    private static Attribution attributed(GlueRun glue, JobRun known) {
        if (glue != null) {
            String category = glue.arguments().get(GlueArguments.CATEGORY);
            String date = glue.arguments().get(GlueArguments.RUN_DATE);
            if (category != null && date != null) {
                try {
                    return new Attribution(category, LocalDate.parse(date));
                } catch (DateTimeParseException e) {
                    // not Switchyard's arguments after all; fall through
                }
            }
        }
        if (known != null && known.category() != null && known.runDate() != null) {
            return new Attribution(known.category(), known.runDate());
        }
        return null;
    }

    /** SPEC §3's fallback: the latest run of the job's category that holds it and has not succeeded. */
    private Attribution byManifest(String job, Map<String, Attr> item) {
        String category = JobColumns.text(item, ControlTableItem.JOB_CATEGORY);
        if (category == null) {
            return null;
        }
        return categoryRuns
                .latestHolding(category, job, config.lookBack())
                .map(run -> new Attribution(run.category(), run.runDate()))
                .orElse(null);
    }

    private static Map<String, Attr> statusColumns(GlueJobEvent event, Run run, String order) {
        Map<String, Attr> columns = new LinkedHashMap<>();
        columns.put(ControlTableItem.STATUS_FLAG, new Attr.S(event.state().name()));
        columns.put(ControlTableItem.LAST_RUN_TIMESTAMP, new Attr.S(Timestamps.format(event.time())));
        columns.put(LAST_RUN_ID, new Attr.S(event.jobRunId()));
        columns.put(LAST_RUN_STARTED_ON, text(run.startedOn() == null ? null : Timestamps.format(run.startedOn())));
        columns.put(
                LAST_RUN_DATE,
                text(
                        run.attribution() == null
                                ? null
                                : run.attribution().runDate().toString()));
        Long duration = run.durationSeconds(event);
        columns.put("LastDurationSeconds", duration == null ? null : Attr.n(duration));
        columns.put("LastError", text(run.error(event)));
        columns.put(LAST_ORDER, new Attr.S(order));
        return columns;
    }

    /** A text column's value, or null to remove the column. */
    private static Attr text(String value) {
        return value == null ? null : new Attr.S(value);
    }

    private static JobRun runRecord(GlueJobEvent event, Run run) {
        GlueRun glue = run.glue();
        return new JobRun(
                event.jobName(),
                event.jobRunId(),
                event.state(),
                run.attribution() == null ? null : run.attribution().category(),
                run.attribution() == null ? null : run.attribution().runDate(),
                run.start(),
                run.completedOn(event),
                glue == null ? null : glue.executionTimeSeconds(),
                glue == null ? null : glue.attempt(),
                glue == null ? null : glue.maxCapacity(),
                glue == null ? null : glue.workerType(),
                glue == null ? null : glue.numberOfWorkers(),
                run.error(event));
    }

    private static Condition laterThan(String order) {
        return Condition.or(
                Condition.notExists(LAST_ORDER),
                Condition.compare(Path.of(LAST_ORDER), Condition.Op.LT, new Attr.S(order)));
    }

    private static Outcome unknownJob(String job) {
        return Outcome.of(Outcome.Kind.UNKNOWN_JOB, "job " + job + " is not in the control table");
    }

    @SafeVarargs
    private static <T> T firstOf(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private record Attribution(String category, LocalDate runDate) {}
}
