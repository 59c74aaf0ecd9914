package dev.switchyard.reactor.react;

import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.contracts.category.CategoryDefinition;
import dev.switchyard.contracts.event.GlueArguments;
import dev.switchyard.contracts.event.GlueJobEvent;
import dev.switchyard.contracts.table.ControlTableItem;
import dev.switchyard.contracts.table.JobRunState;
import dev.switchyard.contracts.table.Timestamps;
import dev.switchyard.reactor.ports.GlueRun;
import dev.switchyard.reactor.ports.GlueRuns;
import dev.switchyard.reactor.ports.TransientFailureException;
import dev.switchyard.reactor.runs.CategoryRuns;
import dev.switchyard.reactor.runs.Triggers;
import dev.switchyard.reactor.table.ControlTable;
import dev.switchyard.reactor.table.JobColumns;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The periodic sweep of SPEC §4: Glue delivers its events on a best-effort basis, so runs that have looked
 * unfinished for longer than {@link ReactorConfig#stuckAfter} are asked of Glue, and what Glue says is fed
 * to the reactor as the event that went missing. Two kinds are swept:
 *
 * <ul>
 *   <li>jobs whose StatusFlag has been non-final too long: {@code GetJobRun} of their {@code LastRunId};
 *   <li>manifest jobs of open category runs that have no final result after that long, including those of
 *       which no event arrived at all: {@code GetJobRuns}, keeping the final runs Switchyard's arguments
 *       attribute to that category run.
 * </ul>
 *
 * Feeding the found events through {@link Reactor#handle} keeps every rule in one place; they are as
 * idempotent as delivered ones.
 */
public final class Reconciler {
    /** How many of a job's latest runs are asked of Glue for a manifest entry. */
    static final int RUNS_ASKED = 10;

    /**
     * Glue calls one sweep makes at most: a category run that failed before it started its jobs leaves every
     * manifest entry pending, and asking Glue about thousands of jobs every few minutes would only meet Glue's
     * rate limits. What is not asked is counted, and the next sweep starts from another category.
     */
    static final int GLUE_CALLS_PER_SWEEP = 500;

    private final Reactor reactor;
    private final GlueRuns glue;
    private final ControlTable control;
    private final CategoryRuns runs;
    private final ReactorConfig config;

    /**
     * @param reactor what found runs are fed to; the sweep reads the reactor's own stores
     * @param glue where runs are asked about (the reactor's Glue, or another view of it)
     */
    public Reconciler(Reactor reactor, GlueRuns glue) {
        this.reactor = reactor;
        this.glue = glue;
        this.control = reactor.control();
        this.runs = reactor.categoryRuns();
        this.config = reactor.config();
    }

    /** How long a claimed trigger may wait for its execution before a sweep starts it. */
    static final java.time.Duration TRIGGER_GRACE = java.time.Duration.ofMinutes(5);

    /**
     * What a sweep looked at and found.
     *
     * @param triggersStarted claimed category runs whose execution was never started (a crash or a failure after
     *     the claim), started now
     * @param unasked stuck jobs and pending entries left for a later sweep, once {@value #GLUE_CALLS_PER_SWEEP}
     *     Glue calls were made
     * @param stuckAnomalies runs still going far longer than their job's usual, published as STUCK anomalies now
     * @param failures items that failed for a reason other than a passing one, each with its reason; the sweep
     *     goes on past them
     */
    public record Report(
            int jobsStuck,
            int entriesPending,
            int runsFound,
            int triggersStarted,
            int unasked,
            int stuckAnomalies,
            List<String> failures,
            List<Outcome> outcomes) {
        public Report {
            failures = List.copyOf(failures);
            outcomes = List.copyOf(outcomes);
        }
    }

    /** One sweep's counts and budget. */
    private final class Sweep {
        final Instant now;
        final Instant before;
        final List<Outcome> outcomes = new ArrayList<>();
        final List<String> failures = new ArrayList<>();
        int stuck;
        int stuckAnomalies;
        int pending;
        int found;
        int started;
        int calls;
        int unasked;

        Sweep(Instant now) {
            this.now = now;
            this.before = now.minus(config.stuckAfter());
        }

        /** False once the sweep has made its Glue calls. */
        boolean mayAskGlue() {
            if (calls >= GLUE_CALLS_PER_SWEEP) {
                unasked++;
                return false;
            }
            calls++;
            return true;
        }

        void missed(GlueRun run) {
            found++;
            outcomes.add(reactor.handleFound(missedEvent(run, now), run, now));
        }

        /** Runs one item's work; a failure that will not pass by itself is noted and the sweep goes on. */
        void isolated(String what, Runnable work) {
            try {
                work.run();
            } catch (TransientFailureException e) {
                throw e; // the service is away: the next sweep tries everything again
            } catch (RuntimeException e) {
                failures.add(what + ": " + e.getMessage());
            }
        }

        Report report() {
            return new Report(stuck, pending, found, started, unasked, stuckAnomalies, failures, outcomes);
        }
    }

    public Report sweep(Instant now) {
        Sweep sweep = new Sweep(now);
        TreeSet<String> categoryNames = new TreeSet<>();
        for (Map<String, Attr> item : control.all()) {
            String category = JobColumns.text(item, ControlTableItem.JOB_CATEGORY);
            if (category != null) {
                categoryNames.add(category);
            }
            LiveAnomalies anomalies = reactor.anomalies();
            if (anomalies != null) {
                String job = JobColumns.text(item, ControlTableItem.JOB_NAME);
                sweep.isolated("anomaly check of job " + job, () -> {
                    if (anomalies.stuck(item, now)) {
                        sweep.stuckAnomalies++;
                    }
                });
            }
            if (looksStuck(item, sweep.before)) {
                sweep.stuck++;
                String job = JobColumns.text(item, ControlTableItem.JOB_NAME);
                sweep.isolated("job " + job, () -> {
                    if (sweep.mayAskGlue()) {
                        glue.jobRun(job, JobColumns.text(item, Reactor.LAST_RUN_ID))
                                .filter(run -> run.state().isTerminal())
                                .ifPresent(sweep::missed);
                    }
                });
            }
        }
        reactor.chaining().categories().stream()
                .map(CategoryDefinition::category)
                .forEach(categoryNames::add);
        for (String category : rotated(categoryNames, now)) {
            for (Triggers.Trigger marker : reactor.chaining().unstarted(category, config.lookBack())) {
                if (marker.at().isBefore(now.minus(TRIGGER_GRACE))) {
                    sweep.isolated("trigger " + category + " " + marker.runDate(), () -> {
                        reactor.chaining().start(marker, now);
                        sweep.started++;
                    });
                }
            }
            for (CategoryRuns.CategoryRun open : runs.recent(category, config.lookBack())) {
                if (open.status() != CategoryRuns.Status.OPEN || open.openedAt().isAfter(sweep.before)) {
                    continue;
                }
                for (CategoryRuns.Entry entry : runs.manifest(open)) {
                    if (entry.isFinal()) {
                        continue;
                    }
                    sweep.pending++;
                    sweep.isolated("job " + entry.jobName() + " of " + category + " " + open.runDate(), () -> {
                        if (sweep.mayAskGlue()) {
                            for (GlueRun run : glue.jobRuns(entry.jobName(), RUNS_ASKED)) {
                                if (run.state().isTerminal() && belongsTo(run, open)) {
                                    sweep.missed(run);
                                }
                            }
                        }
                    });
                }
            }
        }
        return sweep.report();
    }

    /**
     * The categories starting at a place that changes from sweep to sweep (a hash of the minute), so that when
     * the Glue budget runs out, no category is always last.
     */
    static List<String> rotated(java.util.SortedSet<String> categories, Instant now) {
        List<String> ordered = new ArrayList<>(categories);
        if (!ordered.isEmpty()) {
            long mixed = (now.getEpochSecond() / 60) * 0x9E3779B97F4A7C15L;
            java.util.Collections.rotate(ordered, (int) Math.floorMod(mixed ^ (mixed >>> 29), ordered.size()));
        }
        return ordered;
    }

    private static boolean looksStuck(Map<String, Attr> item, Instant before) {
        String status = JobColumns.text(item, ControlTableItem.STATUS_FLAG);
        String runId = JobColumns.text(item, Reactor.LAST_RUN_ID);
        Optional<Instant> at = Optional.ofNullable(JobColumns.text(item, ControlTableItem.LAST_RUN_TIMESTAMP))
                .flatMap(Timestamps::parse);
        return status != null
                && runId != null
                && JobRunState.parse(status).map(s -> !s.isTerminal()).orElse(false)
                && at.isPresent()
                && at.get().isBefore(before);
    }

    private static boolean belongsTo(GlueRun run, CategoryRuns.CategoryRun open) {
        String category = run.arguments().get(GlueArguments.CATEGORY);
        String date = run.arguments().get(GlueArguments.RUN_DATE);
        if (category != null && date != null) {
            return category.equals(open.category())
                    && date.equals(open.runDate().toString());
        }
        return run.startedOn() != null && !run.startedOn().isBefore(open.openedAt());
    }

    /** The final event Glue would have sent: its id names the run and state, so it is the same every sweep. */
    static GlueJobEvent missedEvent(GlueRun run, Instant now) {
        return new GlueJobEvent(
                "reconcile-" + run.jobRunId() + "-" + run.state(),
                GlueJobEvent.Kind.STATE_CHANGE,
                run.jobName(),
                run.jobRunId(),
                run.state(),
                run.completedOn() != null ? run.completedOn() : now,
                run.startedOn(),
                run.errorMessage());
    }
}
