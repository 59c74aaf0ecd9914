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
import dev.switchyard.reactor.runs.CategoryRuns;
import dev.switchyard.reactor.table.Categories;
import dev.switchyard.reactor.table.ControlTable;
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

    private final ControlTable control;
    private final CategoryRuns runs;
    private final Categories categories;
    private final GlueRuns glue;
    private final Reactor reactor;
    private final ReactorConfig config;

    public Reconciler(
            ControlTable control,
            CategoryRuns runs,
            Categories categories,
            GlueRuns glue,
            Reactor reactor,
            ReactorConfig config) {
        this.control = control;
        this.runs = runs;
        this.categories = categories;
        this.glue = glue;
        this.reactor = reactor;
        this.config = config;
    }

    /**
     * What a sweep looked at and found.
     *
     * @param unasked stuck jobs and pending entries left for a later sweep, once {@value #GLUE_CALLS_PER_SWEEP}
     *     Glue calls were made
     */
    public record Report(int jobsStuck, int entriesPending, int runsFound, int unasked, List<Outcome> outcomes) {
        public Report {
            outcomes = List.copyOf(outcomes);
        }
    }

    public Report sweep(Instant now) {
        Instant before = now.minus(config.stuckAfter());
        List<Outcome> outcomes = new ArrayList<>();
        int stuck = 0;
        int pending = 0;
        int found = 0;
        int calls = 0;
        int unasked = 0;
        TreeSet<String> categoryNames = new TreeSet<>();
        for (Map<String, Attr> item : control.all()) {
            String category = text(item, ControlTableItem.JOB_CATEGORY);
            if (category != null) {
                categoryNames.add(category);
            }
            if (!looksStuck(item, before)) {
                continue;
            }
            stuck++;
            if (calls++ >= GLUE_CALLS_PER_SWEEP) {
                unasked++;
                continue;
            }
            String job = text(item, ControlTableItem.JOB_NAME);
            Optional<GlueRun> run = glue.jobRun(job, text(item, "LastRunId"));
            if (run.isPresent() && run.get().state().isTerminal()) {
                found++;
                outcomes.add(reactor.handle(missedEvent(run.get(), now), now));
            }
        }
        categories.read().definitions().stream()
                .map(CategoryDefinition::category)
                .forEach(categoryNames::add);
        List<String> ordered = new ArrayList<>(categoryNames);
        if (!ordered.isEmpty()) {
            // start from another category each minute, so that a large backlog starves none of them
            java.util.Collections.rotate(ordered, (int) ((now.getEpochSecond() / 60) % ordered.size()));
        }
        for (String category : ordered) {
            for (CategoryRuns.CategoryRun open : runs.recent(category, config.lookBack())) {
                if (open.status() != CategoryRuns.Status.OPEN || open.openedAt().isAfter(before)) {
                    continue;
                }
                for (CategoryRuns.Entry entry : runs.manifest(category, open.runDate())) {
                    if (isFinal(entry.state())) {
                        continue;
                    }
                    pending++;
                    if (calls++ >= GLUE_CALLS_PER_SWEEP) {
                        unasked++;
                        continue;
                    }
                    for (GlueRun run : glue.jobRuns(entry.jobName(), RUNS_ASKED)) {
                        if (run.state().isTerminal() && belongsTo(run, open)) {
                            found++;
                            outcomes.add(reactor.handle(missedEvent(run, now), now));
                        }
                    }
                }
            }
        }
        return new Report(stuck, pending, found, unasked, outcomes);
    }

    private static boolean looksStuck(Map<String, Attr> item, Instant before) {
        String status = text(item, ControlTableItem.STATUS_FLAG);
        String runId = text(item, "LastRunId");
        Optional<Instant> at = Optional.ofNullable(text(item, ControlTableItem.LAST_RUN_TIMESTAMP))
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

    private static boolean isFinal(String state) {
        return JobRunState.parse(state).map(JobRunState::isTerminal).orElse(false);
    }

    private static String text(Map<String, Attr> item, String column) {
        return item.get(column) instanceof Attr.S s && !s.value().isBlank() ? s.value() : null;
    }
}
