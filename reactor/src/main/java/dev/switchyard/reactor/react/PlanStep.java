package dev.switchyard.reactor.react;

import dev.switchyard.contracts.Digests;
import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.contracts.category.CategoryDefinition;
import dev.switchyard.contracts.category.CategoryGraph;
import dev.switchyard.contracts.event.GlueArguments;
import dev.switchyard.contracts.event.GlueJobEvent;
import dev.switchyard.contracts.orchestration.NotStarted;
import dev.switchyard.contracts.orchestration.PlanRequest;
import dev.switchyard.contracts.orchestration.PlanSlice;
import dev.switchyard.contracts.table.ControlTableItem;
import dev.switchyard.contracts.table.JobRunState;
import dev.switchyard.reactor.plan.Decision;
import dev.switchyard.reactor.plan.Reason;
import dev.switchyard.reactor.ports.ExecutionStarter;
import dev.switchyard.reactor.ports.GlueRun;
import dev.switchyard.reactor.runs.CategoryRuns;
import dev.switchyard.reactor.store.Utf8;
import dev.switchyard.reactor.table.Categories;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The state machine's {@code Plan} state (SPEC §5): plans the category once and opens its category run, then
 * hands back one slice of the jobs to start. Slicing keeps every payload far below Step Functions' 256 KB and
 * each execution's history below its 25,000 events: a category larger than a slice goes on in a new execution
 * from the slice's end. Slices are cut from the run's manifest, which does not change once the run is open,
 * so every execution of a run agrees on where a slice begins.
 */
public final class PlanStep {
    /**
     * Jobs per slice. An inline Map iteration of one Glue task adds about 8 events to the execution's history, and
     * each retry of a throttled start about 3 more: 1,000 jobs leave room under the 25,000-event limit for
     * several retries per job.
     */
    public static final int MAX_JOBS = 1_000;
    /** How much of a start failure's cause is kept as the run's error message. */
    static final int MAX_ERROR_MESSAGE = 2_000;
    /** Step Functions' limit on an execution name. */
    static final int MAX_EXECUTION_NAME = 80;
    /** UTF-8 bytes of job names per slice (a Glue job name may be 255 characters long). */
    public static final int MAX_NAME_BYTES = 64 * 1024;

    /** The reason given for a run's jobs when another execution opened the run and starts them. */
    public static final String RUN_ALREADY_OPEN = "RUN_ALREADY_OPEN";

    private final Reactor reactor;
    private final Categories categories;
    private final ZoneId zone;

    /** @param zone where "today" is, for an execution whose input names no RunDate */
    public PlanStep(Reactor reactor, Categories categories, ZoneId zone) {
        this.reactor = Objects.requireNonNull(reactor, "reactor");
        this.categories = Objects.requireNonNull(categories, "categories");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /**
     * Records a job the state machine could not start as a failed run of its category run, through the reactor
     * as a final Glue event would be (status, history, the manifest, a metric, the blocked run's domain event),
     * under a run id made from the execution and the job, so a retried request records it once.
     */
    public Outcome notStarted(NotStarted job, Instant now) {
        String runId = notStartedRunId(job);
        // A retried request: its event would be stamped later than the first and so count as news.
        if (reactor.history().entry(job.jobName(), runId).isPresent()) {
            return Outcome.of(Outcome.Kind.DUPLICATE, "run " + runId + " is recorded already");
        }
        String message = "did not start: " + job.error() + (job.cause().isEmpty() ? "" : ": " + job.cause());
        if (message.length() > MAX_ERROR_MESSAGE) {
            message = message.substring(0, MAX_ERROR_MESSAGE - 1) + "…";
        }
        GlueJobEvent event = new GlueJobEvent(
                runId, GlueJobEvent.Kind.STATE_CHANGE, job.jobName(), runId, JobRunState.FAILED, now, now, message);
        GlueRun run = new GlueRun(
                job.jobName(), runId, JobRunState.FAILED, now, now, 0L, 0, null, null, null, message, job.arguments());
        return reactor.handleFound(event, run, now);
    }

    /** The run id a job that could not start is recorded under: the same for a retried request. */
    public static String notStartedRunId(NotStarted job) {
        return "not-started-" + Digests.hex(16, job.executionName() + "\u0000" + job.jobName());
    }

    /**
     * Whether a re-run starts a manifest job: one whose result is final and not SUCCEEDED, or one that never
     * started (an execution stopped midway, a continuation that failed to start). The manifest records final
     * results only, so a job without one may also be running now: its control-table item tells, since the
     * reactor writes every state it hears of there. A job whose item shows a run still going, or a final result
     * for this run date that the manifest has not caught up with, is left alone.
     */
    private boolean rerunDue(CategoryRuns.Entry entry, LocalDate runDate) {
        if (entry.isFinal()) {
            return !entry.state().equals(JobRunState.SUCCEEDED.name());
        }
        Map<String, Attr> item = reactor.control().get(entry.jobName()).orElse(null);
        if (item == null) {
            // Deleted from the control table since the run opened, but still in its manifest (and perhaps still a
            // Glue job): started, it ends the run one way or the other; left alone, the run would stay open.
            return true;
        }
        Optional<JobRunState> status = item.get(ControlTableItem.STATUS_FLAG) instanceof Attr.S s
                ? JobRunState.parse(s.value())
                : Optional.empty();
        if (status.isPresent() && !status.get().isTerminal()) {
            return false; // running (or starting, or stopping)
        }
        boolean ranForThisDate =
                item.get(Reactor.LAST_RUN_DATE) instanceof Attr.S d && d.value().equals(runDate.toString());
        return !ranForThisDate;
    }

    /**
     * The name of the execution that goes on from {@code next}: the run's own execution name, a hash of the
     * current execution's name (a re-run's slices and a run's must differ) and the offset. Bounded whatever the
     * number of slices, and the same on a retry, so a retried start finds its execution already there.
     */
    static String continuation(String category, LocalDate runDate, String current, int next) {
        String base = ExecutionStarter.executionName(category, runDate);
        String suffix = "-" + Digests.hex(4, current == null ? "" : current) + "-" + next;
        if (base.length() + suffix.length() > MAX_EXECUTION_NAME) {
            base = base.substring(0, MAX_EXECUTION_NAME - suffix.length());
        }
        return base + suffix;
    }

    /**
     * Plans one execution's slice.
     *
     * @throws IllegalArgumentException when the request cannot be planned: a category with neither jobs nor a
     *     definition, a slice or re-run of a category run that was never opened
     */
    public PlanSlice plan(PlanRequest request, Instant now) {
        String category = request.jobCategory();
        LocalDate runDate = request.runDate() != null
                ? request.runDate()
                : LocalDate.ofInstant(request.startTime() != null ? request.startTime() : now, zone);
        CategoryDefinition definition =
                CategoryGraph.of(categories.read().definitions()).get(category).orElse(null);

        CategoryRuns runs = reactor.categoryRuns();
        CategoryRuns.CategoryRun run;
        List<CategoryRuns.Entry> entries; // the run's manifest, by job name
        Map<String, Integer> notRun = new TreeMap<>();
        Predicate<CategoryRuns.Entry> due;
        if (request.offset() == 0 && !request.rerun()) {
            CategoryRunOpener.Opened opened = new CategoryRunOpener(reactor.control(), runs)
                    .open(category, runDate, request.environment(), now, request.executionName());
            if (opened.plan().decisions().isEmpty() && definition == null) {
                throw new IllegalArgumentException("category '" + category
                        + "' has no job in the control table and no definition: is the name right?");
            }
            run = opened.run().run();
            for (Decision decision : opened.plan().decisions()) {
                if (decision.reason() != Reason.SCHEDULED) {
                    notRun.merge(decision.reason().name(), 1, Integer::sum);
                }
            }
            if (opened.run().created()) {
                // An empty manifest succeeds at once; its downstream categories are due now.
                reactor.opened(run, now);
                // just written, every job PENDING: no need to read it back
                entries = CategoryRunOpener.scheduled(opened.plan()).stream()
                        .sorted()
                        .map(name -> new CategoryRuns.Entry(name, CategoryRuns.PENDING, null))
                        .toList();
                due = entry -> true;
            } else if (request.executionName() != null
                    && request.executionName().equals(run.openedBy())) {
                // This execution opened the run and is planning again (a retried Plan state, a response lost
                // after the write): it answers what it answered then. No job of it has started yet, since the
                // Map comes after the Plan state.
                entries = runs.manifest(run);
                due = entry -> true;
            } else {
                // Another execution opened this run (a schedule delivered twice, a start racing a chained one):
                // its jobs are that execution's to start, and starting them again would run them twice.
                notRun.clear();
                notRun.put(RUN_ALREADY_OPEN, run.manifestSize());
                entries = List.of();
                due = entry -> false;
            }
        } else {
            run = runs.get(category, runDate)
                    .orElseThrow(() -> new IllegalArgumentException("no category run of " + category + " for " + runDate
                            + " is open: run the category first (a re-run re-runs its failed jobs)"));
            entries = runs.manifest(run);
            LocalDate date = runDate;
            due = request.rerun() ? entry -> rerunDue(entry, date) : entry -> !entry.isFinal();
        }

        if (request.offset() > entries.size()) {
            throw new IllegalArgumentException("execution input: Offset " + request.offset() + " is past the end of "
                    + category + "'s manifest for " + runDate + " (" + entries.size() + " jobs)");
        }
        List<String> jobs = new ArrayList<>();
        int end = request.offset();
        int bytes = 0;
        while (end < entries.size() && end - request.offset() < MAX_JOBS) {
            CategoryRuns.Entry entry = entries.get(end);
            int size = Utf8.length(entry.jobName()) + 3; // quotes and a comma
            if (bytes + size > MAX_NAME_BYTES && end > request.offset()) {
                break;
            }
            bytes += size;
            end++;
            if (due.test(entry)) {
                jobs.add(entry.jobName());
            }
        }

        Map<String, String> arguments = new LinkedHashMap<>();
        arguments.put(GlueArguments.CATEGORY, category);
        arguments.put(GlueArguments.RUN_DATE, runDate.toString());
        if (run.environment() != null) {
            arguments.put(GlueArguments.ENVIRONMENT, run.environment());
        }
        int maxConcurrency =
                definition != null ? definition.maxConcurrency() : CategoryDefinition.DEFAULT_MAX_CONCURRENCY;
        Integer next = end < entries.size() ? end : null;
        return new PlanSlice(
                category,
                runDate,
                run.environment(),
                request.rerun(),
                request.offset(),
                next,
                next == null ? null : continuation(category, runDate, request.executionName(), next),
                maxConcurrency,
                run.manifestSize(),
                notRun,
                arguments,
                jobs);
    }
}
