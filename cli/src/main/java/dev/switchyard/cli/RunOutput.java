package dev.switchyard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.contracts.domain.DomainEvent;
import dev.switchyard.contracts.orchestration.NotStarted;
import dev.switchyard.contracts.orchestration.PlanSlice;
import dev.switchyard.contracts.table.JobRunState;
import dev.switchyard.local.ExecutionReport;
import dev.switchyard.local.LocalGlue;
import dev.switchyard.local.LocalOrchestrator;
import dev.switchyard.local.LocalProject;
import dev.switchyard.local.RunProgress;
import dev.switchyard.local.RunReport;
import dev.switchyard.reactor.plan.Decision;
import dev.switchyard.reactor.plan.Plan;
import dev.switchyard.reactor.react.PlanStep;
import dev.switchyard.statemachine.ExecutionResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What {@code run} and {@code rerun} show: the plan, each job as it starts and ends (a count every tenth of
 * a large category instead), the chained categories, and a summary table; or, with {@code --format json}, the
 * progress on standard error and SPEC §7's JSON on standard output.
 */
final class RunOutput implements RunProgress {
    /** Above this many jobs in an execution, progress is a count, not a line per job. */
    static final int JOB_LINES = 40;

    private final PrintWriter out;
    private final PrintWriter progress;
    private final boolean json;
    private final Map<String, Integer> sizes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> done = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failed = new ConcurrentHashMap<>();

    private final int concurrencyCap;

    RunOutput(PrintWriter out, PrintWriter err, boolean json, int concurrencyCap) {
        this.concurrencyCap = concurrencyCap;
        this.out = out;
        this.progress = json ? err : out;
        this.json = json;
    }

    private synchronized void say(String format, Object... args) {
        progress.printf(Locale.ROOT, format + "%n", args);
        progress.flush();
    }

    @Override
    public void imported(int jobs, int categories) {
        say(
                "switchyard: loaded %s and %s from the project files",
                Words.count(jobs, "job"), Words.count(categories, "category"));
    }

    @Override
    public void executionStarted(String name, JsonNode input) {
        say("");
        say(
                "%s for %s%s · execution %s",
                input.path("JobCategory").asText(),
                input.path("RunDate").asText("today"),
                input.path("Rerun").asBoolean() ? ", re-running its failed jobs" : "",
                name);
    }

    @Override
    public void planned(String executionName, PlanSlice slice, Plan plan) {
        sizes.put(executionName, slice.jobs().size());
        int declared = slice.maxConcurrency();
        String concurrency = declared != 0 && declared <= concurrencyCap
                ? "at most " + declared + " at a time"
                : "at most " + concurrencyCap + " at a time on this machine (the category says "
                        + (declared == 0 ? "no limit" : declared) + "; see --max-local-concurrency)";
        if (plan != null) {
            say(
                    "  plan: %s to run of %s, %s",
                    Words.count(slice.jobs().size(), "job"), plan.decisions().size(), concurrency);
            if (plan.decisions().size() <= JOB_LINES) {
                TextTable table = new TextTable("JOB", "REASON", "WHY");
                for (Decision d : plan.decisions()) {
                    table.row(d.item().jobName(), d.reason(), d.detail());
                }
                StringWriter text = new StringWriter();
                table.print(new PrintWriter(text));
                for (String line : text.toString().split("\n")) {
                    say("    %s", line);
                }
            } else if (!slice.notRun().isEmpty()) {
                say("    not run: %s", slice.notRun());
            }
        } else if (slice.rerun()) {
            say(
                    "  re-running %s of the %,d in the run%s, %s",
                    Words.count(slice.jobs().size(), "job"),
                    slice.planned(),
                    slice.offset() > 0 ? String.format(Locale.ROOT, " (from job %,d)", slice.offset() + 1) : "",
                    concurrency);
        } else {
            say(
                    "  %s to run, from job %,d of %,d, %s",
                    Words.count(slice.jobs().size(), "job"), slice.offset() + 1, slice.planned(), concurrency);
        }
        if (slice.next() != null) {
            say("  (the rest, from job %,d, goes on in a new execution)", slice.next() + 1);
        }
    }

    @Override
    public void started(LocalGlue.Run run) {
        if (small(run)) {
            say("    ▶ %-28s started    %s", run.jobName(), run.jobRunId().substring(0, 15) + "…");
        }
    }

    @Override
    public void finished(LocalGlue.Run run) {
        boolean ok = run.state() == JobRunState.SUCCEEDED;
        int finished = done.computeIfAbsent(run.executionName(), k -> new AtomicInteger())
                .incrementAndGet();
        AtomicInteger failedSoFar = failed.computeIfAbsent(run.executionName(), k -> new AtomicInteger());
        int failures = ok ? failedSoFar.get() : failedSoFar.incrementAndGet();
        if (small(run)) {
            say(
                    "    %s %-28s %-10s %5.1f s%s",
                    ok ? "✓" : "✗",
                    run.jobName(),
                    run.state(),
                    run.durationSeconds(),
                    ok ? "" : "   " + run.errorMessage());
        } else {
            int total = sizes.getOrDefault(run.executionName(), 0);
            int step = Math.max(1, total / 10);
            if (finished % step == 0 || finished == total) {
                say("    %,d of %,d jobs finished (%,d failed)", finished, total, failures);
            }
        }
    }

    @Override
    public void notStarted(String executionName, NotStarted job) {
        say(
                "    ✗ %-28s %-10s         %s%s",
                job.jobName(), "NOT STARTED", job.error(), job.cause().isEmpty() ? "" : ": " + job.cause());
    }

    private boolean small(LocalGlue.Run run) {
        return sizes.getOrDefault(run.executionName(), 0) <= JOB_LINES;
    }

    @Override
    public void domainEvent(DomainEvent event) {
        switch (event) {
            case DomainEvent.CategoryTriggered t ->
                say(
                        "  → %s for %s triggered: %s succeeded",
                        t.category(), t.runDate(), String.join(" and ", t.causes()));
            case DomainEvent.CategoryRunBlocked b ->
                say("  ✗ %s for %s is blocked by %s", b.category(), b.runDate(), String.join(", ", b.blockers()));
            case DomainEvent.CategoryRunSucceeded s -> {}
            case DomainEvent.JobRunAnomaly a ->
                say(
                        "  ! %s %s: took %s, usually %s (median of %d runs)",
                        a.jobName(),
                        a.kind(),
                        AnomaliesCommand.seconds(a.durationSeconds()),
                        AnomaliesCommand.seconds(a.baselineMedianSeconds()),
                        a.baselineRuns());
        }
    }

    @Override
    public void executionFinished(ExecutionReport report) {
        ExecutionResult result = report.result();
        long failures = report.failures();
        say(
                "  %s %s in %s: %s, %d failed, %,d state transitions%s",
                category(report),
                result.status(),
                seconds(report.took()),
                Words.count(report.jobs().size() + report.notStarted().size(), "job"),
                failures,
                result.stateTransitions(),
                result.status() == ExecutionResult.Status.FAILED && failures == 0
                        ? " (" + result.error() + ": " + result.cause() + ")"
                        : "");
    }

    @Override
    public void problem(String message) {
        say("switchyard: %s", message);
    }

    @Override
    public void warning(String message) {
        say("switchyard: warning: %s", message);
    }

    /** The end of a run: the summary table, or the JSON document. */
    void summary(LocalProject project, RunReport report) {
        if (json) {
            out.println(json(report));
            out.flush();
            return;
        }
        say("");
        TextTable table =
                new TextTable("CATEGORY", "RUN DATE", "STATUS", "JOBS", "FAILED", "TRANSITIONS", "TOOK", "EXECUTION");
        for (ExecutionReport e : report.executions()) {
            table.row(
                    category(e),
                    e.plan() == null
                            ? e.input().path("RunDate").asText()
                            : e.plan().runDate(),
                    e.result().status(),
                    e.jobs().size() + e.notStarted().size(),
                    e.failures(),
                    String.format(Locale.ROOT, "%,d", e.result().stateTransitions()),
                    seconds(e.took()),
                    e.name());
        }
        table.print(out);
        for (DomainEvent.CategoryRunBlocked b : report.blocked()) {
            boolean unblocked = report.triggers().stream()
                    .anyMatch(t ->
                            t.causes().contains(b.category()) && t.runDate().equals(b.runDate()));
            if (!unblocked) {
                out.printf(
                        "%s for %s is blocked by %s. Fix %s, then: switchyard rerun %s --date %s --project %s%n",
                        b.category(),
                        b.runDate(),
                        String.join(", ", b.blockers()),
                        b.blockers().size() == 1 ? "it" : "them",
                        b.category(),
                        b.runDate(),
                        project.dir());
            }
        }
        for (String problem : report.problems()) {
            out.println("problem: " + problem);
        }
        for (RunReport.Unfinished open : report.unfinished()) {
            out.printf(
                    "%s for %s is still open: %s %s no result (%s)%n",
                    open.category(),
                    open.runDate(),
                    Words.count(open.pending().size(), "job"),
                    open.pending().size() == 1 ? "has" : "have",
                    String.join(
                                    ", ",
                                    open.pending()
                                            .subList(
                                                    0,
                                                    Math.min(10, open.pending().size())))
                            + (open.pending().size() > 10 ? ", …" : ""));
        }
        if (report.stopped()) {
            out.println("Stopped: the running jobs were killed and recorded STOPPED, and nothing queued was started;"
                    + " 'switchyard rerun' starts what was stopped and what never started.");
        }
        out.printf(
                "Took %s. Store %s; metrics, audit and job logs under %s%n",
                seconds(report.took()), project.stateDir().resolve(LocalOrchestrator.STORE_FILE), project.stateDir());
        out.flush();
    }

    private static String category(ExecutionReport e) {
        return e.plan() != null
                ? e.plan().jobCategory()
                : e.input().path("JobCategory").asText();
    }

    /** SPEC §7: {"executions": [{"Category", "RunDate", "Status", "StateTransitions", "Jobs": [...]}], "triggers"}. */
    static String json(RunReport report) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        ArrayNode executions = root.putArray("executions");
        for (ExecutionReport e : report.executions()) {
            ObjectNode node = executions.addObject();
            node.put("Category", category(e));
            node.put(
                    "RunDate",
                    e.plan() == null
                            ? e.input().path("RunDate").asText()
                            : e.plan().runDate().toString());
            node.put("Status", e.result().status().name());
            node.put("StateTransitions", e.result().stateTransitions());
            node.put("Execution", e.name());
            node.put("Rerun", e.input().path("Rerun").asBoolean());
            if (e.result().error() != null) {
                node.put("Error", e.result().error());
                node.put("Cause", e.result().cause());
            }
            if (e.plan() != null) {
                node.put("Planned", e.plan().planned());
                ObjectNode notRun = node.putObject("NotRun");
                e.plan().notRun().forEach(notRun::put);
            }
            node.put("LargestPayloadBytes", e.result().largestPayloadBytes());
            node.put("DurationSeconds", e.took().toMillis() / 1000.0);
            ArrayNode jobs = node.putArray("Jobs");
            for (LocalGlue.Run run : e.jobs()) {
                ObjectNode job = jobs.addObject();
                job.put("JobName", run.jobName());
                job.put("State", run.state().name());
                job.put("JobRunId", run.jobRunId());
                job.put("StartedOn", run.startedOn().toString());
                job.put(
                        "CompletedOn",
                        run.completedOn() == null ? null : run.completedOn().toString());
                job.put("DurationSeconds", run.durationSeconds());
                if (run.errorMessage() != null) {
                    job.put("ErrorMessage", run.errorMessage());
                }
                job.put("Log", run.log().toString());
            }
            for (NotStarted job : e.notStarted()) {
                ObjectNode missing = jobs.addObject();
                missing.put("JobName", job.jobName());
                missing.put("State", "FAILED");
                missing.put("JobRunId", PlanStep.notStartedRunId(job));
                missing.put("NotStarted", true);
                missing.put("ErrorMessage", job.error() + (job.cause().isEmpty() ? "" : ": " + job.cause()));
            }
        }
        ArrayNode triggers = root.putArray("triggers");
        for (DomainEvent.CategoryTriggered t : report.triggers()) {
            ObjectNode node = triggers.addObject();
            node.put("Category", t.category());
            node.put("RunDate", t.runDate().toString());
            node.put("Environment", t.environment());
            t.causes().forEach(node.putArray("Causes")::add);
        }
        ArrayNode blocked = root.putArray("blocked");
        for (DomainEvent.CategoryRunBlocked b : report.blocked()) {
            ObjectNode node = blocked.addObject();
            node.put("Category", b.category());
            node.put("RunDate", b.runDate().toString());
            b.blockers().forEach(node.putArray("Blockers")::add);
        }
        report.problems().forEach(root.putArray("problems")::add);
        ArrayNode unfinished = root.putArray("unfinished");
        for (RunReport.Unfinished open : report.unfinished()) {
            ObjectNode node = unfinished.addObject();
            node.put("Category", open.category());
            node.put("RunDate", open.runDate().toString());
            open.pending().forEach(node.putArray("Pending")::add);
        }
        root.put("stopped", report.stopped());
        root.put("rejected", report.rejected());
        return root.toString();
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
