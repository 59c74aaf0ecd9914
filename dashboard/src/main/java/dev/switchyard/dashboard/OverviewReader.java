package dev.switchyard.dashboard;

import dev.switchyard.contracts.Decoded;
import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.contracts.category.CategoryDefinition;
import dev.switchyard.contracts.domain.DomainEvent.JobRunAnomaly;
import dev.switchyard.contracts.files.Loaded;
import dev.switchyard.contracts.metric.JobRunMetric;
import dev.switchyard.contracts.table.ControlTableItem;
import dev.switchyard.contracts.table.JobRunState;
import dev.switchyard.contracts.table.SkipFlag;
import dev.switchyard.contracts.table.Timestamps;
import dev.switchyard.dashboard.Overview.AnomalyView;
import dev.switchyard.dashboard.Overview.Blocked;
import dev.switchyard.dashboard.Overview.Blocker;
import dev.switchyard.dashboard.Overview.CategoryView;
import dev.switchyard.dashboard.Overview.ChainLink;
import dev.switchyard.dashboard.Overview.JobView;
import dev.switchyard.dashboard.Overview.RecentRun;
import dev.switchyard.dashboard.Overview.RunView;
import dev.switchyard.reactor.anomaly.AnomalyConfig;
import dev.switchyard.reactor.anomaly.AnomalyDetector;
import dev.switchyard.reactor.anomaly.Durations;
import dev.switchyard.reactor.plan.Decision;
import dev.switchyard.reactor.plan.Planner;
import dev.switchyard.reactor.react.Reactor;
import dev.switchyard.reactor.react.RunningRows;
import dev.switchyard.reactor.runs.CategoryRuns;
import dev.switchyard.reactor.runs.JobRun;
import dev.switchyard.reactor.runs.RunHistory;
import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.table.Categories;
import dev.switchyard.reactor.table.ControlTable;
import dev.switchyard.reactor.table.JobColumns;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Reads the {@link Overview} of a business date from the stores: the control table (one scan), the categories,
 * each category's run on the date (its header and manifest chunks), and each job's recent runs from the run
 * history. A job's runs are read again only when its row's run columns change, so that a dashboard refreshing
 * every few seconds costs one scan and a few reads per refresh, not a query per job.
 */
public final class OverviewReader {
    /** Runs read per job: the anomaly detector's window and room for the same-weekday baseline. */
    static final int HISTORY = 64;

    /** Where rows without a JobCategory are shown (no category can be named so: names have no parentheses). */
    static final String NO_CATEGORY = "(no category)";

    /** Runs drawn in a job's chart. */
    static final int CHART = 20;

    private final String table;
    private final ControlTable control;
    private final Categories categories;
    private final CategoryRuns categoryRuns;
    private final RunHistory history;
    private final AnomalyDetector detector;
    private final ZoneId zone;
    private final boolean actions;
    private final Planner planner = new Planner();
    private final Map<String, Runs> runs = new ConcurrentHashMap<>();

    /**
     * @param table the store, as messages name it
     * @param jobs the control table's items
     * @param state the state table's items: categories, category runs, the run history
     * @param zone where "today" is
     * @param actions whether the page offers operator actions
     */
    public OverviewReader(String table, ItemTable jobs, ItemTable state, ZoneId zone, boolean actions) {
        this.table = Objects.requireNonNull(table, "table");
        this.control = new ControlTable(jobs);
        this.categories = new Categories(state);
        // Reading needs no retention: nothing is written through these.
        this.categoryRuns = new CategoryRuns(state, Duration.ZERO);
        this.history = new RunHistory(state, Duration.ZERO);
        this.detector = new AnomalyDetector(AnomalyConfig.defaults());
        this.zone = Objects.requireNonNull(zone, "zone");
        this.actions = actions;
    }

    public ZoneId zone() {
        return zone;
    }

    /**
     * The chain of categories, the same on every date: each category with its level, in chain order (level, then
     * name). Costs the control table's scan and the categories' read, none of the date's.
     */
    public synchronized List<ChainLink> chain() {
        return chain(definitions(rows()));
    }

    private static List<ChainLink> chain(Map<String, CategoryDefinition> defined) {
        Map<String, Integer> levels = levels(defined);
        return defined.values().stream()
                .map(d -> new ChainLink(d.category(), d.dependsOn(), levels.get(d.category())))
                .sorted(Comparator.comparingInt(ChainLink::level).thenComparing(ChainLink::category))
                .toList();
    }

    /** The overview of {@code date}, as the stores are at {@code now}. */
    public synchronized Overview read(LocalDate date, Instant now) {
        Loaded<ControlTableItem> loaded = rows();
        Map<String, CategoryDefinition> defined = definitions(loaded);
        List<ChainLink> chain = chain(defined);
        Map<String, List<Loaded.Row<ControlTableItem>>> rowsOf = new HashMap<>();
        for (Loaded.Row<ControlTableItem> row : loaded.rows()) {
            rowsOf.computeIfAbsent(categoryOf(row), c -> new ArrayList<>()).add(row);
        }
        Map<String, CategoryRuns.CategoryRun> runOf = new HashMap<>();
        for (ChainLink link : chain) {
            categoryRuns.get(link.category(), date).ifPresent(run -> runOf.put(link.category(), run));
        }
        List<CategoryView> views = new ArrayList<>();
        List<AnomalyView> anomalies = new ArrayList<>();
        List<Blocked> blocked = new ArrayList<>();
        for (ChainLink link : chain) {
            String category = link.category();
            CategoryDefinition definition = defined.get(category);
            RunView run = runView(runOf.get(category));
            if (run != null && run.status().equals(CategoryRuns.Status.BLOCKED.name())) {
                blocked.add(new Blocked(category, date, run.blockers()));
            }
            List<String> waitingOn = definition.dependsOn().stream()
                    .filter(up -> runOf.get(up) == null || runOf.get(up).status() != CategoryRuns.Status.SUCCEEDED)
                    .toList();
            List<JobView> jobs = jobs(category, date, rowsOf.getOrDefault(category, List.of()), now);
            jobs.stream().map(JobView::anomaly).filter(Objects::nonNull).forEach(anomalies::add);
            views.add(new CategoryView(
                    category,
                    definition.dependsOn(),
                    downstream(category, defined),
                    definition.maxConcurrency(),
                    run,
                    waitingOn,
                    jobs));
        }
        forgetDeletedJobs(loaded);
        return new Overview(
                table,
                date,
                LocalDate.ofInstant(now, zone),
                zone.getId(),
                now,
                new Overview.Actions(actions),
                chain,
                views,
                anomalies,
                blocked);
    }

    private Loaded<ControlTableItem> rows() {
        return ControlTable.loaded(table, control.all());
    }

    /**
     * The category a row is shown in: its JobCategory, or {@link #NO_CATEGORY} for a row without one, which is
     * invalid and would otherwise be shown nowhere.
     */
    private static String categoryOf(Loaded.Row<ControlTableItem> row) {
        String category = JobColumns.text(row.attributes(), ControlTableItem.JOB_CATEGORY);
        return category == null ? NO_CATEGORY : category.strip();
    }

    /** The defined categories, and a default definition for each category a row names but none defines. */
    private Map<String, CategoryDefinition> definitions(Loaded<ControlTableItem> loaded) {
        Map<String, CategoryDefinition> defined = new TreeMap<>();
        for (CategoryDefinition definition : categories.read().definitions()) {
            defined.put(definition.category(), definition);
        }
        for (Loaded.Row<ControlTableItem> row : loaded.rows()) {
            defined.computeIfAbsent(
                    categoryOf(row),
                    c -> new CategoryDefinition(c, List.of(), CategoryDefinition.DEFAULT_MAX_CONCURRENCY, Map.of()));
        }
        return defined;
    }

    /**
     * Each category's level in the chain: 0 for one that depends on none, else one more than its deepest
     * upstream. An upstream that is not defined counts as level 0; a cycle (refused by validation) is cut.
     */
    static Map<String, Integer> levels(Map<String, CategoryDefinition> defined) {
        Map<String, Integer> levels = new HashMap<>();
        for (String category : defined.keySet()) {
            level(category, defined, levels, new TreeSet<>());
        }
        return levels;
    }

    private static int level(
            String category,
            Map<String, CategoryDefinition> defined,
            Map<String, Integer> levels,
            TreeSet<String> path) {
        Integer known = levels.get(category);
        if (known != null) {
            return known;
        }
        CategoryDefinition definition = defined.get(category);
        if (definition == null || !path.add(category)) {
            return 0;
        }
        int level = 0;
        for (String up : definition.dependsOn()) {
            level = Math.max(level, level(up, defined, levels, path) + 1);
        }
        path.remove(category);
        levels.put(category, level);
        return level;
    }

    private static List<String> downstream(String category, Map<String, CategoryDefinition> defined) {
        return defined.values().stream()
                .filter(d -> d.dependsOn().contains(category))
                .map(CategoryDefinition::category)
                .toList();
    }

    private RunView runView(CategoryRuns.CategoryRun run) {
        if (run == null) {
            return null;
        }
        int succeeded = 0;
        int pending = 0;
        List<Blocker> failed = new ArrayList<>();
        for (CategoryRuns.Entry entry : categoryRuns.manifest(run)) {
            if (!entry.isFinal()) {
                pending++;
            } else if (entry.state().equals(JobRunState.SUCCEEDED.name())) {
                succeeded++;
            } else {
                failed.add(new Blocker(entry.jobName(), entry.state(), entry.jobRunId()));
            }
        }
        return new RunView(
                run.status().name(),
                run.openedAt(),
                run.manifestSize(),
                succeeded,
                pending,
                failed.size(),
                List.copyOf(failed));
    }

    /** The category's jobs: its rows, planned for the date, by job name. */
    private List<JobView> jobs(String category, LocalDate date, List<Loaded.Row<ControlTableItem>> rows, Instant now) {
        List<ControlTableItem> items = new ArrayList<>();
        Map<String, Map<String, Attr>> attributes = new HashMap<>();
        List<JobView> views = new ArrayList<>();
        for (Loaded.Row<ControlTableItem> row : rows) {
            switch (row.decoded()) {
                case Decoded.Ok<ControlTableItem> ok -> {
                    items.add(ok.value());
                    attributes.put(ok.value().jobName(), row.attributes());
                }
                case Decoded.Invalid<ControlTableItem> invalid -> views.add(invalidRow(row, invalid, date, now));
            }
        }
        for (Decision decision : planner.plan(category, date, null, items).decisions()) {
            views.add(jobView(decision, attributes.get(decision.item().jobName()), date, now));
        }
        views.sort(Comparator.comparing(JobView::jobName));
        return views;
    }

    private JobView invalidRow(
            Loaded.Row<ControlTableItem> row, Decoded.Invalid<ControlTableItem> invalid, LocalDate date, Instant now) {
        Map<String, Attr> item = row.attributes();
        String name = JobColumns.text(item, ControlTableItem.JOB_NAME);
        String why = invalid.problems().stream()
                .map(p -> p.column() == null ? p.reason() : p.column() + ": " + p.reason())
                .collect(Collectors.joining("; "));
        Recent recent = name == null ? Recent.NONE : recent(name, item, date, now);
        return recent.view(
                name == null ? "(row " + row.location() + ")" : name,
                JobColumns.text(item, ControlTableItem.ENVIRONMENT),
                false,
                "INVALID_ROW",
                "invalid row",
                why,
                JobColumns.text(item, ControlTableItem.RUN_CONDITION),
                JobColumns.text(item, ControlTableItem.SKIP_FLAG));
    }

    private JobView jobView(Decision decision, Map<String, Attr> item, LocalDate date, Instant now) {
        ControlTableItem job = decision.item();
        return recent(job.jobName(), item, date, now)
                .view(
                        job.jobName(),
                        job.environment(),
                        decision.shouldRunToday(),
                        decision.reason().name(),
                        decision.reason().words(),
                        decision.detail(),
                        job.runCondition(),
                        SkipFlag.text(job.skipFlag()));
    }

    /**
     * A job on a date: its status there, and what its recent runs say (its usual duration, its chart, its
     * anomaly).
     */
    private record Recent(
            String statusFlag,
            String lastRunTimestamp,
            String lastRunId,
            Double lastSeconds,
            Double usualSeconds,
            List<RecentRun> chart,
            AnomalyView anomaly) {
        static final Recent NONE = new Recent(null, null, null, null, null, List.of(), null);

        /** The job's view: its row and plan as given, its status and runs from this. */
        JobView view(
                String jobName,
                String environment,
                boolean runs,
                String reason,
                String reasonWords,
                String why,
                String runCondition,
                String skipFlag) {
            return new JobView(
                    jobName,
                    environment,
                    runs,
                    reason,
                    reasonWords,
                    why,
                    runCondition,
                    skipFlag,
                    statusFlag,
                    lastRunTimestamp,
                    lastRunId,
                    lastSeconds,
                    usualSeconds,
                    chart,
                    anomaly);
        }
    }

    /**
     * A job's runs as last read, the row's run columns they were read for, and the anomalies of its finished runs
     * by run id.
     */
    private record Runs(String key, List<JobRun> newestFirst, Map<String, AnomalyView> anomalies) {}

    private Recent recent(String jobName, Map<String, Attr> item, LocalDate date, Instant now) {
        Runs known = runs(jobName, item, now);
        List<JobRun> newestFirst = known.newestFirst();
        String rowRunId = JobColumns.text(item, Reactor.LAST_RUN_ID);
        String rowDate = JobColumns.text(item, Reactor.LAST_RUN_DATE);
        String statusFlag;
        String timestamp;
        String runId;
        Double last;
        AnomalyView anomaly;
        if (rowDate == null || rowDate.equals(date.toString())) {
            // The row is about this date (or does not say which): its status, as the reactor keeps it.
            statusFlag = JobColumns.text(item, ControlTableItem.STATUS_FLAG);
            timestamp = JobColumns.text(item, ControlTableItem.LAST_RUN_TIMESTAMP);
            runId = rowRunId;
            last = runId == null
                    ? null
                    : find(newestFirst, runId).map(OverviewReader::seconds).orElse(null);
            if (last == null && runId != null && item.get("LastDurationSeconds") instanceof Attr.N n) {
                last = Double.valueOf(n.value()); // to the second, where the history has no record of the run
            }
            anomaly = stuck(item, newestFirst, now)
                    .orElse(runId == null ? null : known.anomalies().get(runId));
        } else {
            // Another date's row: the job's latest run of this date, from the history, or none.
            JobRun run = newestFirst.stream()
                    .filter(r -> date.equals(r.runDate()))
                    .findFirst()
                    .orElse(null);
            statusFlag = run == null ? null : run.state().name();
            Instant at = run == null ? null : run.completedOn() != null ? run.completedOn() : run.startedOn();
            timestamp = at == null ? null : Timestamps.format(at);
            runId = run == null ? null : run.jobRunId();
            last = run == null ? null : seconds(run);
            anomaly = runId == null ? null : known.anomalies().get(runId);
        }
        List<RecentRun> chart = new ArrayList<>();
        for (JobRun run : newestFirst.subList(0, Math.min(CHART, newestFirst.size()))) {
            chart.add(new RecentRun(run.state().name(), run.startedOn(), seconds(run)));
        }
        Collections.reverse(chart);
        return new Recent(statusFlag, timestamp, runId, last, usual(newestFirst, runId), List.copyOf(chart), anomaly);
    }

    /**
     * The job's runs, read again only when the row's run columns changed. The reactor writes a run's record after
     * the row: runs read in between, without the row's final run, are not kept, so the next refresh reads again.
     */
    private Runs runs(String jobName, Map<String, Attr> item, Instant now) {
        String lastRunId = JobColumns.text(item, Reactor.LAST_RUN_ID);
        String status = JobColumns.text(item, ControlTableItem.STATUS_FLAG);
        String key = String.join(
                "\u0000",
                Objects.toString(lastRunId),
                Objects.toString(status),
                Objects.toString(JobColumns.text(item, ControlTableItem.LAST_RUN_TIMESTAMP)),
                Objects.toString(JobColumns.text(item, Reactor.LAST_ORDER)));
        Runs known = runs.get(jobName);
        if (known != null && known.key().equals(key)) {
            return known;
        }
        List<JobRun> read = history.recent(jobName, HISTORY);
        boolean rowFinal = status != null
                && JobRunState.parse(status).map(JobRunState::isTerminal).orElse(false);
        boolean complete = lastRunId == null
                || find(read, lastRunId)
                        .map(r -> !rowFinal || r.state().isTerminal())
                        .orElse(false);
        known = new Runs(complete ? key : "", read, finishedAnomalies(read, now));
        runs.put(jobName, known);
        return known;
    }

    private static Optional<JobRun> find(List<JobRun> runs, String jobRunId) {
        return runs.stream().filter(r -> r.jobRunId().equals(jobRunId)).findFirst();
    }

    /** The median of the job's recent successful runs before {@code lastRunId}. */
    private Double usual(List<JobRun> newestFirst, String lastRunId) {
        List<Double> seconds = newestFirst.stream()
                .filter(r -> r.state() == JobRunState.SUCCEEDED && !r.jobRunId().equals(lastRunId))
                .filter(r -> !r.jobRunId().startsWith(Durations.NOT_STARTED))
                .map(OverviewReader::seconds)
                .filter(Objects::nonNull)
                .limit(detector.config().window())
                .sorted()
                .toList();
        if (seconds.isEmpty()) {
            return null;
        }
        int middle = seconds.size() / 2;
        return seconds.size() % 2 == 1
                ? seconds.get(middle)
                : tenths((seconds.get(middle - 1) + seconds.get(middle)) / 2);
    }

    /** SLOW or FAST for each of the job's finished runs, by run id: the rules of live detection. */
    private Map<String, AnomalyView> finishedAnomalies(List<JobRun> newestFirst, Instant now) {
        List<JobRunMetric> finished = newestFirst.stream()
                .filter(r -> r.state().isTerminal())
                .map(JobRun::asMetric)
                .toList();
        Map<String, AnomalyView> found = new HashMap<>();
        for (JobRunAnomaly anomaly : detector.judge(finished, now).anomalies()) {
            found.put(anomaly.jobRunId(), anomalyView(anomaly));
        }
        return Map.copyOf(found);
    }

    /** STUCK when the row shows a run going far longer than the job's successful runs take. */
    private Optional<AnomalyView> stuck(Map<String, Attr> item, List<JobRun> newestFirst, Instant now) {
        if (!(RunningRows.of(item).orElse(null) instanceof RunningRows.Going going)) {
            return Optional.empty();
        }
        List<JobRunMetric> finished = newestFirst.stream()
                .filter(r -> r.state().isTerminal()
                        && !r.jobRunId().equals(going.job().jobRunId()))
                .map(JobRun::asMetric)
                .toList();
        return detector.stuck(Durations.of(finished), List.of(going.job()), now).anomalies().stream()
                .findFirst()
                .map(OverviewReader::anomalyView);
    }

    private static AnomalyView anomalyView(JobRunAnomaly anomaly) {
        long seconds = anomaly.durationSeconds();
        long usual = Math.round(anomaly.baselineMedianSeconds());
        String text = switch (anomaly.kind()) {
            case SLOW -> "took " + Words.duration(seconds) + "; usually " + Words.duration(usual);
            case FAST -> "took only " + Words.duration(seconds) + "; usually " + Words.duration(usual);
            case STUCK -> "running for " + Words.duration(seconds) + "; usually done in " + Words.duration(usual);
        };
        return new AnomalyView(
                anomaly.jobName(), anomaly.category(), anomaly.kind().name(), anomaly.jobRunId(), seconds, usual, text);
    }

    /** A run's duration to a tenth of a second: from its start to its end, else Glue's execution time; null while it goes. */
    static Double seconds(JobRun run) {
        if (run.startedOn() != null && run.completedOn() != null) {
            long millis = Duration.between(run.startedOn(), run.completedOn()).toMillis();
            if (millis >= 0) {
                return tenths(millis / 1000.0);
            }
        }
        return run.state().isTerminal() && run.executionTimeSeconds() != null
                ? run.executionTimeSeconds().doubleValue()
                : null;
    }

    private static double tenths(double seconds) {
        return Math.round(seconds * 10) / 10.0;
    }

    /** Drops the runs kept for jobs no longer in the table. */
    private void forgetDeletedJobs(Loaded<ControlTableItem> loaded) {
        Set<String> present = new HashSet<>();
        loaded.rows().forEach(r -> present.add(JobColumns.text(r.attributes(), ControlTableItem.JOB_NAME)));
        runs.keySet().retainAll(present);
    }
}
