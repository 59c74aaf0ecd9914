package dev.switchyard.reactor.react;

import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.contracts.domain.DomainEvent;
import dev.switchyard.contracts.event.ExecutionStatusChanged;
import dev.switchyard.contracts.event.GlueArguments;
import dev.switchyard.contracts.event.GlueJobEvent;
import dev.switchyard.contracts.event.InboundEvent;
import dev.switchyard.contracts.event.TableChanged;
import dev.switchyard.contracts.table.ControlTableItem;
import dev.switchyard.contracts.table.JobRunState;
import dev.switchyard.contracts.table.Timestamps;
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
import dev.switchyard.reactor.table.Stamp;
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

    private final ControlTable control;
    private final RunHistory history;
    private final CategoryRuns categoryRuns;
    private final Chaining chaining;
    private final Ports ports;
    private final ReactorConfig config;

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
    }

    /** Handles one input. Throws {@code TransientFailureException} when a store or service is unavailable. */
    public Outcome handle(InboundEvent event, Instant now) {
        return switch (event) {
            case GlueJobEvent glue -> jobEvent(glue, now);
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

    private Outcome jobEvent(GlueJobEvent event, Instant now) {
        String job = event.jobName();
        String runId = event.jobRunId();
        String within = RunOrder.within(event.state(), event.time());
        Optional<RunHistory.Entry> seen = history.entry(job, runId);
        if (seen.isPresent() && seen.get().order().compareTo(within) >= 0) {
            return Outcome.of(Outcome.Kind.DUPLICATE, "run " + runId + " was handled up to a later event");
        }
        JobRun known = seen.map(RunHistory.Entry::run).orElse(null);
        boolean last = event.state().isTerminal();
        GlueRun glue = last ? ports.glue().jobRun(job, runId).orElse(null) : null;
        Instant startedOn = firstOf(
                glue == null ? null : glue.startedOn(), event.startedOn(), known == null ? null : known.startedOn());
        Instant runStart = startedOn != null ? startedOn : event.time();

        Attribution attribution = last ? attributed(glue, known) : null;
        Map<String, Attr> item = null;
        if (last && attribution == null) {
            item = control.get(job).orElse(null);
            if (item == null) {
                return unknownJob(job);
            }
            attribution = byManifest(job, item);
            if (attribution == null && config.deferUnattributed()) {
                // nothing written yet: handled whole when a run opens, or at the end without a category run
                return Outcome.of(
                        Outcome.Kind.DEFERRED,
                        "no category run of " + text(item, ControlTableItem.JOB_CATEGORY) + " holding " + job
                                + " is open");
            }
        }

        ControlTable.StatusWrite written = control.writeStatus(
                job,
                statusColumns(event, runStart, attribution, glue, startedOn),
                laterThan(RunOrder.of(runStart, runId, event.state(), event.time())),
                new Stamp(config.actor(), now));
        if (written.outcome() == ControlTable.StatusOutcome.NO_SUCH_JOB) {
            return unknownJob(job);
        }
        if (written.item() != null) {
            item = written.item();
        }
        Outcome.Kind kind = written.outcome() == ControlTable.StatusOutcome.APPLIED
                ? Outcome.Kind.APPLIED
                : Outcome.Kind.SUPERSEDED;

        List<Triggers.Trigger> triggered = List.of();
        String environment = null;
        if (last) {
            if (item == null) {
                item = control.get(job).orElse(Map.of());
            }
            environment = text(item, ControlTableItem.ENVIRONMENT);
            if (attribution != null) {
                CategoryRuns.Recorded recorded = categoryRuns.record(
                        attribution.category(), attribution.runDate(), job, runId, event.state(), now);
                if (recorded instanceof CategoryRuns.Recorded.NoSuchRun) {
                    return Outcome.of(
                            Outcome.Kind.DEFERRED,
                            "category run " + attribution.category() + " on " + attribution.runDate() + " of run "
                                    + runId + " is not open");
                }
                if (recorded instanceof CategoryRuns.Recorded.Progress progress) {
                    environment = progress.run().environment() != null
                            ? progress.run().environment()
                            : environment;
                    triggered = afterProgress(progress.run(), now);
                }
            }
            ports.metrics()
                    .accept(Metrics.of(
                            event,
                            glue,
                            text(item, ControlTableItem.JOB_CATEGORY),
                            environment,
                            attribution == null ? null : attribution.runDate(),
                            startedOn,
                            now));
        }
        history.record(runRecord(event, glue, attribution, startedOn, runStart), within, now);
        return new Outcome(kind, event.state() + " of " + job + " run " + runId, triggered);
    }

    private List<Triggers.Trigger> afterProgress(CategoryRuns.CategoryRun run, Instant now) {
        switch (run.status()) {
            case SUCCEEDED -> {
                ports.domainEvents()
                        .accept(new DomainEvent.CategoryRunSucceeded(
                                run.category(), run.runDate(), run.environment(), now));
                return chaining.chain(run, now);
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
        String category = text(item, ControlTableItem.JOB_CATEGORY);
        if (category == null) {
            return null;
        }
        return categoryRuns
                .latestHolding(category, job, config.lookBack())
                .map(run -> new Attribution(run.category(), run.runDate()))
                .orElse(null);
    }

    private static Map<String, Attr> statusColumns(
            GlueJobEvent event, Instant runStart, Attribution attribution, GlueRun glue, Instant startedOn) {
        Map<String, Attr> columns = new LinkedHashMap<>();
        columns.put(ControlTableItem.STATUS_FLAG, new Attr.S(event.state().name()));
        columns.put(ControlTableItem.LAST_RUN_TIMESTAMP, new Attr.S(Timestamps.format(event.time())));
        columns.put("LastRunId", new Attr.S(event.jobRunId()));
        columns.put("LastRunStartedOn", startedOn == null ? null : new Attr.S(Timestamps.format(startedOn)));
        columns.put(
                "LastRunDate",
                attribution == null ? null : new Attr.S(attribution.runDate().toString()));
        Long duration = !event.state().isTerminal() || startedOn == null
                ? null
                : Math.max(
                        0,
                        java.time.Duration.between(startedOn, completedOn(event, glue))
                                .toSeconds());
        columns.put("LastDurationSeconds", duration == null ? null : Attr.n(duration));
        String error = event.state().isTerminal() && event.state() != JobRunState.SUCCEEDED
                ? (glue != null && glue.errorMessage() != null ? glue.errorMessage() : event.message())
                : null;
        columns.put("LastError", error == null ? null : new Attr.S(error));
        columns.put(LAST_ORDER, new Attr.S(RunOrder.of(runStart, event.jobRunId(), event.state(), event.time())));
        return columns;
    }

    private static Instant completedOn(GlueJobEvent event, GlueRun glue) {
        return glue != null && glue.completedOn() != null ? glue.completedOn() : event.time();
    }

    private static JobRun runRecord(
            GlueJobEvent event, GlueRun glue, Attribution attribution, Instant startedOn, Instant runStart) {
        boolean last = event.state().isTerminal();
        return new JobRun(
                event.jobName(),
                event.jobRunId(),
                event.state(),
                attribution == null ? null : attribution.category(),
                attribution == null ? null : attribution.runDate(),
                startedOn != null ? startedOn : runStart,
                last ? completedOn(event, glue) : null,
                glue == null ? null : glue.executionTimeSeconds(),
                glue == null ? null : glue.attempt(),
                glue == null ? null : glue.maxCapacity(),
                glue == null ? null : glue.workerType(),
                glue == null ? null : glue.numberOfWorkers(),
                glue != null && glue.errorMessage() != null
                        ? glue.errorMessage()
                        : last && event.state() != JobRunState.SUCCEEDED ? event.message() : null);
    }

    private static Condition laterThan(String order) {
        return Condition.or(
                Condition.notExists(LAST_ORDER),
                Condition.compare(Path.of(LAST_ORDER), Condition.Op.LT, new Attr.S(order)));
    }

    private static Outcome unknownJob(String job) {
        return Outcome.of(Outcome.Kind.UNKNOWN_JOB, "job " + job + " is not in the control table");
    }

    private static String text(Map<String, Attr> item, String column) {
        return item != null
                        && item.get(column) instanceof Attr.S s
                        && !s.value().isBlank()
                ? s.value()
                : null;
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
