package dev.switchyard.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.contracts.Json;
import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.contracts.audit.AuditEntry;
import dev.switchyard.contracts.category.CategoryDefinition;
import dev.switchyard.contracts.domain.DomainEvent;
import dev.switchyard.contracts.event.Rejection;
import dev.switchyard.contracts.files.Loaded;
import dev.switchyard.contracts.files.TableFiles;
import dev.switchyard.contracts.metric.JobRunMetric;
import dev.switchyard.contracts.orchestration.NotStarted;
import dev.switchyard.contracts.orchestration.PlanRequest;
import dev.switchyard.contracts.orchestration.PlanSlice;
import dev.switchyard.contracts.table.ControlTableItem;
import dev.switchyard.contracts.table.JobRunState;
import dev.switchyard.ingest.lambda.PlanHandler;
import dev.switchyard.ingest.lambda.Wiring;
import dev.switchyard.reactor.anomaly.AnomalyConfig;
import dev.switchyard.reactor.plan.Plan;
import dev.switchyard.reactor.plan.Planner;
import dev.switchyard.reactor.ports.ExecutionStarter;
import dev.switchyard.reactor.ports.Sink;
import dev.switchyard.reactor.react.Ports;
import dev.switchyard.reactor.react.Reactor;
import dev.switchyard.reactor.react.ReactorConfig;
import dev.switchyard.reactor.runs.CategoryRuns;
import dev.switchyard.reactor.runs.RunHistory;
import dev.switchyard.reactor.store.ChangeFeed;
import dev.switchyard.reactor.store.InMemoryItemTable;
import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.table.Categories;
import dev.switchyard.reactor.table.ControlTable;
import dev.switchyard.reactor.table.Stamp;
import dev.switchyard.reactor.table.StateTable;
import dev.switchyard.sinks.JsonLinesFile;
import dev.switchyard.sqlite.SqliteStore;
import dev.switchyard.statemachine.Definition;
import dev.switchyard.statemachine.ExecutionListener;
import dev.switchyard.statemachine.ExecutionResult;
import dev.switchyard.statemachine.LocalRunner;
import dev.switchyard.statemachine.TaskCall;
import dev.switchyard.statemachine.TaskFailedException;
import dev.switchyard.statemachine.TaskResource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * Runs category runs on one machine as they run on AWS (SPEC §7): the deployed state machine definition in
 * the local runner, with its Plan state bound to the planner Lambda handler's own code, its Glue tasks to
 * {@link LocalGlue}, and its continuation to a local start; the Glue events and the control table's changes
 * go, through the same decoder, to the reactor, which keeps statuses and history, writes metrics and audit
 * entries, and chains downstream categories, whose executions then run here too, until none is left.
 *
 * <p>Executions run one after another (each bounded by its own Map's concurrency); events are handled by one
 * reactor thread in the order they come, as one Lambda function with a concurrency of one would handle them.
 */
public final class LocalOrchestrator implements AutoCloseable {
    public static final String STATE_MACHINE_ARN = "arn:aws:states:local:000000000000:stateMachine:switchyard";
    public static final String PLANNER_ARN = "arn:aws:lambda:local:000000000000:function:switchyard-planner";
    static final String START_EXECUTION = "arn:aws:states:::states:startExecution";
    static final String TRIGGERED_BY_REACTOR = "switchyard-reactor";
    static final String TRIGGERED_BY_COMMAND = "switchyard-run";
    static final String DEFINITION_RESOURCE = "/dev/switchyard/infra/statemachine.asl.json";
    /** Not switchyard.db, the default store of the other commands, which a run must never replace. */
    public static final String STORE_FILE = "run.db";

    /** How long stopping waits for the stopped jobs' reports to be recorded. */
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(20);

    private final LocalProject project;
    private final LocalOptions options;
    private final RunProgress progress;
    private final SqliteStore store;
    private final ControlTable control;
    private final ItemTable stateItems;
    private final ChangeFeed feed;
    private final Wiring wiring;
    private final PlanHandler planner;
    private final LocalGlue glue;
    private final Definition definition;
    private final LocalRunner runner;
    private final JsonLinesFile<JobRunMetric> metrics;
    private final JsonLinesFile<AuditEntry> audit;
    private final JsonLinesFile<Rejection> rejections;
    private final ReactorInbox inbox;
    private final Thread stopJobs;
    private final AtomicInteger rejectedCount = new AtomicInteger();
    private volatile boolean stopping;
    private volatile Thread runThread;
    private volatile boolean loopRunning;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final CountDownLatch loopDone = new CountDownLatch(1);

    private final Deque<Pending> queue = new ArrayDeque<>();
    private final Set<String> executionNames = ConcurrentHashMap.newKeySet();
    private final Map<String, PlanSlice> plans = new ConcurrentHashMap<>();
    private final Map<String, List<NotStarted>> notStarted = new ConcurrentHashMap<>();
    private final List<DomainEvent.CategoryTriggered> triggers = Collections.synchronizedList(new ArrayList<>());
    private final List<DomainEvent.CategoryRunBlocked> blocked = Collections.synchronizedList(new ArrayList<>());
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());

    private record Pending(String name, ObjectNode input) {}

    private LocalOrchestrator(LocalProject project, LocalOptions options, RunProgress progress, SqliteStore store) {
        this.project = project;
        this.options = options;
        this.progress = progress;
        this.store = store;
        this.control = new ControlTable(store.table(ControlTable.SCHEMA));
        this.stateItems = store.table(StateTable.SCHEMA);
        Path state = project.stateDir();
        this.metrics = new JsonLinesFile<>(
                options.metricsFile() != null ? options.metricsFile() : state.resolve("metrics.jsonl"));
        this.audit =
                new JsonLinesFile<>(options.auditFile() != null ? options.auditFile() : state.resolve("audit.jsonl"));
        this.rejections = new JsonLinesFile<>(state.resolve("rejected.jsonl"));
        this.feed = store.changes(ControlTable.SCHEMA);
        Sink<DomainEvent> domainEvents = event -> {
            switch (event) {
                case DomainEvent.CategoryTriggered t -> triggers.add(t);
                case DomainEvent.CategoryRunBlocked b -> blocked.add(b);
                case DomainEvent.CategoryRunSucceeded s -> {}
                case DomainEvent.JobRunAnomaly a -> {}
            }
            progress.domainEvent(event);
        };
        this.glue = new LocalGlue(
                JobsFile.read(project.jobs()),
                project.dir(),
                state.resolve("logs"),
                options.clock(),
                this::deliver,
                progress);
        Besides besides = new Besides(this::problem);
        Sink<JobRunMetric> moreMetrics = besides.wrap(options.moreMetrics(), "metrics to Kafka");
        Sink<AuditEntry> moreAudit = besides.wrap(options.moreAudit(), "audit entries to Kafka");
        this.wiring = Wiring.of(
                control,
                stateItems,
                new Ports(
                        glue, this::startChained, metrics.andThen(moreMetrics), audit.andThen(moreAudit), domainEvents),
                // a local run judges each successful run as AWS does with an event bus, and says so as it goes
                ReactorConfig.defaults().withActor("switchyard-local").withAnomalies(AnomalyConfig.defaults()),
                this::reject,
                options.clock(),
                options.zone());
        this.inbox = new ReactorInbox(wiring.reactor(), feed, options.clock(), this::reject, this::problem);
        this.planner = new PlanHandler(wiring);
        this.definition =
                Definition.parse(readDefinition(options.definition()), Map.of("PlannerFunctionArn", PLANNER_ARN));
        Map<String, TaskResource> resources = new LinkedHashMap<>();
        resources.put(PLANNER_ARN, this::plan);
        resources.put(LocalGlue.RESOURCE, this::runJob);
        resources.put(START_EXECUTION, this::startContinuation);
        this.runner = new LocalRunner(
                resources,
                options.sleeper(),
                RandomGenerator.getDefault(),
                options.clock(),
                ExecutionListener.NONE,
                options.concurrencyCap());
        this.stopJobs = new Thread(this::onShutdown, "switchyard-stop");
        Runtime.getRuntime().addShutdownHook(stopJobs);
    }

    /**
     * Runs the store shows unfinished belonged to the process that ran them, which has ended (killed, or the
     * machine went down): nothing runs them now. Glue would report them stopped, so they are reported STOPPED, and
     * their category runs can be re-run instead of waiting for ever.
     */
    private void stopStaleRuns() {
        Instant now = options.clock().instant();
        for (Map<String, Attr> item : control.all()) {
            Optional<JobRunState> state = item.get(ControlTableItem.STATUS_FLAG) instanceof Attr.S status
                    ? JobRunState.parse(status.value())
                    : Optional.empty();
            if (state.isEmpty()
                    || state.get().isTerminal()
                    || !(item.get(Reactor.LAST_RUN_ID) instanceof Attr.S runId)
                    || !(item.get(ControlTableItem.JOB_NAME) instanceof Attr.S jobName)) {
                continue;
            }
            LocalGlue.Run stopped = new LocalGlue.Run(
                    jobName.value(),
                    runId.value(),
                    null,
                    Map.of(),
                    now,
                    now,
                    JobRunState.STOPPED,
                    "stopped: the switchyard process that ran it ended",
                    null);
            inbox.deliver(GlueEventJson.stateChange(stopped, now));
        }
        inbox.drain();
    }

    /** Local Glue's events, to the reactor (they only come once a run has begun, when the inbox is there). */
    private void deliver(String json) {
        inbox.deliver(json);
    }

    private void reject(Rejection rejection) {
        rejectedCount.incrementAndGet();
        rejections.accept(rejection);
    }

    private void problem(String message) {
        problems.add(message);
        progress.problem(message);
    }

    /**
     * Starts afresh from the project's files: a new store under {@code .switchyard/}, into which the control
     * table and the categories are imported (and audited), so every {@code run} is a run of the project as its
     * files say now.
     *
     * @param category the category about to run, which the files must name (checked before the earlier run's
     *     store is replaced)
     * @throws IllegalArgumentException when a file is missing or invalid, or names no such category
     */
    public static LocalOrchestrator fresh(
            LocalProject project, String category, LocalOptions options, RunProgress progress) {
        Loaded<ControlTableItem> table = TableFiles.readControlTable(project.controlTable());
        Loaded<CategoryDefinition> categories =
                project.categories().map(TableFiles::readCategories).orElse(null);
        // The earlier run's store is what rerun needs: a mistyped category or an invalid row must not cost it.
        requireCategory(project, category, table, categories);
        checkImports(table, categories, options);
        Path file = project.stateDir().resolve(STORE_FILE);
        InMemoryItemTable pastRuns = pastRuns(file, options, progress);
        try {
            for (String suffix : List.of("", "-wal", "-shm")) {
                Files.deleteIfExists(file.resolveSibling(STORE_FILE + suffix));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the earlier run's store " + file, e);
        }
        SqliteStore store = SqliteStore.open(file, options.clock());
        LocalOrchestrator orchestrator = null;
        try {
            orchestrator = new LocalOrchestrator(project, options, progress, store);
            Stamp stamp = new Stamp("switchyard-local", options.clock().instant());
            int jobs = orchestrator
                    .control
                    .importAll(table, stamp, n -> {})
                    .written()
                    .size();
            int defined = 0;
            if (categories != null) {
                new Categories(orchestrator.stateItems).importAll(categories, stamp);
                defined = categories.values().size();
            }
            ItemTable keep = orchestrator.stateItems;
            keep.atomically(() -> RunHistory.copyAll(pastRuns, keep));
            progress.imported(jobs, defined);
            orchestrator.inbox.pumpFeed();
            orchestrator.inbox.drain();
            return orchestrator;
        } catch (RuntimeException e) {
            if (orchestrator != null) {
                orchestrator.close();
            } else {
                store.close();
            }
            throw e;
        }
    }

    /**
     * The run records of the earlier run's store, which the new store keeps: job runs are history, not
     * configuration, and a job's usual duration (its chart, its anomalies) needs them.
     */
    private static InMemoryItemTable pastRuns(Path file, LocalOptions options, RunProgress progress) {
        InMemoryItemTable runs = new InMemoryItemTable(StateTable.SCHEMA);
        if (Files.isRegularFile(file)) {
            try (SqliteStore earlier = SqliteStore.open(file, options.clock())) {
                RunHistory.copyAll(earlier.table(StateTable.SCHEMA), runs);
            } catch (RuntimeException e) {
                // An unreadable earlier store must not stop the run that replaces it; its runs are lost.
                progress.warning(
                        "the earlier run's job runs cannot be kept, " + file + " cannot be read: " + e.getMessage());
                return new InMemoryItemTable(StateTable.SCHEMA);
            }
        }
        return runs;
    }

    /**
     * Imports the files into a store in memory, by the very rules of the real import: an invalid row or
     * category is refused, naming what is wrong, while the earlier run's store still stands.
     */
    private static void checkImports(
            Loaded<ControlTableItem> table, Loaded<CategoryDefinition> categories, LocalOptions options) {
        try (SqliteStore scratch = SqliteStore.openInMemory(options.clock())) {
            Stamp stamp = new Stamp("switchyard-local", options.clock().instant());
            new ControlTable(scratch.table(ControlTable.SCHEMA)).importAll(table, stamp, n -> {});
            if (categories != null) {
                new Categories(scratch.table(StateTable.SCHEMA)).importAll(categories, stamp);
            }
        }
    }

    private static void requireCategory(
            LocalProject project,
            String category,
            Loaded<ControlTableItem> table,
            Loaded<CategoryDefinition> categories) {
        Set<String> known = new TreeSet<>();
        table.values().forEach(item -> known.add(item.jobCategory()));
        if (categories != null) {
            categories.values().forEach(definition -> known.add(definition.category()));
        }
        if (!known.contains(category)) {
            throw new IllegalArgumentException("category '" + category + "' is neither in "
                    + project.controlTable().getFileName()
                    + project.categories()
                            .map(c -> " nor in " + c.getFileName())
                            .orElse("")
                    + "; the project has " + String.join(", ", known)
                    + " (the earlier run's store is kept)");
        }
    }

    /**
     * Goes on from the store the last {@code run} left, for {@code rerun}.
     *
     * @throws IllegalArgumentException when the project has not been run
     */
    public static LocalOrchestrator resume(LocalProject project, LocalOptions options, RunProgress progress) {
        Path file = project.stateDir().resolve(STORE_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(project.dir() + " has not been run yet (no " + file
                    + "); run it first: switchyard run CATEGORY --project " + project.dir());
        }
        SqliteStore store = SqliteStore.open(file, options.clock());
        try {
            LocalOrchestrator orchestrator = new LocalOrchestrator(project, options, progress, store);
            orchestrator.inbox.skipFeed();
            orchestrator.stopStaleRuns();
            return orchestrator;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * Runs the category run {@code (category, date)} (or re-runs its failed jobs) and every category run it
     * chains, until nothing is left to run.
     *
     * @param date null: today in the options' zone
     */
    public RunReport run(String category, LocalDate date, boolean rerun) {
        Instant began = options.clock().instant();
        LocalDate runDate = date != null ? date : LocalDate.ofInstant(began, options.zone());
        ObjectNode input = PlanRequest.executionInput(category, runDate, null, TRIGGERED_BY_COMMAND);
        String name = ExecutionStarter.executionName(category, runDate);
        if (rerun) {
            input.put(PlanRequest.RERUN, true);
            name = name + "-rerun-" + began.toEpochMilli();
        }
        enqueue(name, input);

        List<ExecutionReport> executions = new ArrayList<>();
        runThread = Thread.currentThread();
        loopRunning = true;
        try {
            while (!stopping && !glue.stopping()) {
                Pending next;
                synchronized (queue) {
                    next = queue.pollFirst();
                }
                if (next == null) {
                    // Nothing queued: once the reactor has handled every event (and the table's changes),
                    // chaining may have queued more. A queued execution runs at once, as on AWS, while the
                    // reactor catches up.
                    inbox.drain();
                    inbox.pumpFeed();
                    inbox.drain();
                    synchronized (queue) {
                        if (queue.isEmpty()) {
                            break;
                        }
                    }
                    continue;
                }
                executions.add(execute(next));
            }
        } finally {
            // Stopped or not, what the jobs reported reaches the store before the run ends.
            Thread.interrupted();
            inbox.drain();
            inbox.pumpFeed();
            inbox.drain();
            runThread = null;
            loopDone.countDown();
        }
        return new RunReport(
                executions,
                List.copyOf(triggers),
                List.copyOf(blocked),
                unfinished(executions),
                List.copyOf(problems),
                rejectedCount.get(),
                stopping || glue.stopping(),
                Duration.between(began, options.clock().instant()));
    }

    /**
     * Stops a run (Ctrl-C, or the JVM shutting down): the running execution is stopped as {@code StopExecution}
     * would stop it, its jobs' commands are killed and reported STOPPED, no queued execution starts, and what
     * the jobs reported is recorded before this returns (or {@code wait} has passed).
     */
    public void stop(Duration wait) {
        stopping = true;
        Thread running = runThread;
        if (running != null) {
            running.interrupt();
        }
        glue.stopAll();
        if (loopRunning) {
            await(loopDone, wait);
        }
    }

    /**
     * The shutdown hook (Ctrl-C, SIGTERM): stops the run, then waits for the command to print what the run did
     * and close, since the JVM halts as soon as its hooks return.
     */
    private void onShutdown() {
        long deadline = System.nanoTime() + SHUTDOWN_WAIT.toNanos();
        stop(SHUTDOWN_WAIT);
        await(closed, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }

    private static void await(CountDownLatch latch, Duration wait) {
        try {
            latch.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The category runs the executions worked on that are still open: jobs of theirs have no final result. */
    private List<RunReport.Unfinished> unfinished(List<ExecutionReport> executions) {
        CategoryRuns runs =
                new CategoryRuns(stateItems, ReactorConfig.defaults().runRetention());
        Set<String> seen = new HashSet<>();
        List<RunReport.Unfinished> open = new ArrayList<>();
        for (ExecutionReport execution : executions) {
            String category = execution.input().path(PlanRequest.JOB_CATEGORY).asText();
            String date = execution.input().path(PlanRequest.RUN_DATE).asText();
            if (date.isEmpty() || !seen.add(category + "@" + date)) {
                continue;
            }
            runs.get(category, LocalDate.parse(date))
                    .filter(run -> run.status() == CategoryRuns.Status.OPEN)
                    .ifPresent(run -> open.add(new RunReport.Unfinished(
                            category,
                            run.runDate(),
                            runs.manifest(run).stream()
                                    .filter(entry -> !entry.isFinal())
                                    .map(CategoryRuns.Entry::jobName)
                                    .toList())));
        }
        return open;
    }

    private ExecutionReport execute(Pending pending) {
        progress.executionStarted(pending.name(), pending.input());
        Instant started = options.clock().instant();
        ExecutionResult result = runner.execute(definition, STATE_MACHINE_ARN, pending.name(), pending.input());
        List<LocalGlue.Run> jobs = glue.runs().stream()
                .filter(r -> pending.name().equals(r.executionName()))
                .toList();
        ExecutionReport report = new ExecutionReport(
                pending.name(),
                pending.input(),
                plans.get(pending.name()),
                result,
                jobs,
                List.copyOf(notStarted.getOrDefault(pending.name(), List.of())),
                Duration.between(started, options.clock().instant()));
        inbox.deliver(ExecutionEventJson.statusChange(
                STATE_MACHINE_ARN,
                executionArn(pending.name()),
                pending.name(),
                pending.input(),
                result,
                options.clock().instant()));
        progress.executionFinished(report);
        return report;
    }

    // --- Task bindings -------------------------------------------------------------------------------------

    /**
     * The planner function, in process: its exceptions fail the task with their class name as the error, as
     * Lambda reports a Java function's errorType (the local runner names them so).
     */
    private JsonNode plan(TaskCall call) {
        String execution = call.context().path("Execution").path("Name").asText();
        JsonNode answer = planner.handle(call.input());
        if (NotStarted.is(call.input())) {
            NotStarted job = NotStarted.fromJson(call.input());
            notStarted
                    .computeIfAbsent(execution, k -> Collections.synchronizedList(new ArrayList<>()))
                    .add(job);
            progress.notStarted(execution, job);
            return answer;
        }
        PlanSlice parsed = PlanSlice.fromJson(answer);
        plans.putIfAbsent(execution, parsed);
        Plan plan = null;
        if (parsed.offset() == 0 && !parsed.rerun()) {
            // For the person watching: every decision with its reason. The planner function answers the state
            // machine in its own contract (names to start, counts), so the table is planned again here, on the
            // same store at the same moment.
            plan = new Planner()
                    .plan(
                            parsed.jobCategory(),
                            parsed.runDate(),
                            parsed.environment(),
                            ControlTable.loaded(parsed.jobCategory(), control.category(parsed.jobCategory()))
                                    .values());
        }
        progress.planned(execution, parsed, plan);
        return answer;
    }

    private JsonNode runJob(TaskCall call) throws TaskFailedException, InterruptedException {
        String execution = call.context().path("Execution").path("Name").asText();
        try {
            return glue.startJobRunSync(call.input(), execution);
        } catch (LocalGlue.JobRunFailed e) {
            throw new TaskFailedException(e.error(), e.cause());
        }
    }

    private JsonNode startContinuation(TaskCall call) throws TaskFailedException {
        JsonNode parameters = call.input();
        String name = parameters.path("Name").asText("");
        JsonNode input = parameters.path("Input");
        if (input.isTextual()) {
            try {
                input = Json.mapper().readTree(input.asText());
            } catch (IOException e) {
                throw new TaskFailedException("StepFunctions.InvalidExecutionInputException", e.getMessage());
            }
        }
        if (name.isEmpty() || !input.isObject()) {
            throw new TaskFailedException(
                    "StepFunctions.InvalidExecutionInputException", "Name and an object Input are required");
        }
        if (!enqueue(name, (ObjectNode) input)) {
            throw new TaskFailedException(
                    "StepFunctions.ExecutionAlreadyExistsException", "Execution Already Exists: '" + name + "'");
        }
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        answer.put("ExecutionArn", executionArn(name));
        answer.put("StartDate", options.clock().instant().toEpochMilli());
        return answer;
    }

    /** The reactor's starter: chaining starts the downstream category's execution, idempotently by name. */
    private String startChained(String category, LocalDate runDate, String environment) {
        String name = ExecutionStarter.executionName(category, runDate);
        // An execution of that name already started counts as started, as StartExecution's idempotency has it.
        enqueue(name, PlanRequest.executionInput(category, runDate, environment, TRIGGERED_BY_REACTOR));
        return executionArn(name);
    }

    private boolean enqueue(String name, ObjectNode input) {
        if (!executionNames.add(name)) {
            return false;
        }
        synchronized (queue) {
            queue.addLast(new Pending(name, input));
        }
        return true;
    }

    private static String executionArn(String name) {
        return STATE_MACHINE_ARN.replace(":stateMachine:", ":execution:") + ":" + name;
    }

    private static JsonNode readDefinition(Path file) {
        try {
            if (file != null) {
                return Json.mapper().readTree(file.toFile());
            }
            try (InputStream in = LocalOrchestrator.class.getResourceAsStream(DEFINITION_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(
                            "the packaged state machine definition is missing: " + DEFINITION_RESOURCE);
                }
                return Json.mapper().readTree(in);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    (file == null ? DEFINITION_RESOURCE : file.toString()) + ": not a JSON definition: "
                            + e.getMessage(),
                    e);
        }
    }

    /** The project this runs. */
    public LocalProject project() {
        return project;
    }

    @Override
    public void close() {
        try {
            glue.stopAll();
            try {
                Runtime.getRuntime().removeShutdownHook(stopJobs);
            } catch (IllegalStateException e) {
                // the JVM is shutting down, and the hook is running or has run
            }
            inbox.close();
            metrics.close();
            audit.close();
            rejections.close();
            store.close();
        } finally {
            closed.countDown();
        }
    }
}
