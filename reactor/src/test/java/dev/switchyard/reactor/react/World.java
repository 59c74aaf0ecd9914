package dev.switchyard.reactor.react;

import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.contracts.audit.AuditEntry;
import dev.switchyard.contracts.category.CategoryDefinition;
import dev.switchyard.contracts.domain.DomainEvent;
import dev.switchyard.contracts.event.InboundEvent;
import dev.switchyard.contracts.metric.JobRunMetric;
import dev.switchyard.contracts.table.ControlTableItem;
import dev.switchyard.reactor.ports.ExecutionStarter;
import dev.switchyard.reactor.ports.GlueRun;
import dev.switchyard.reactor.ports.GlueRuns;
import dev.switchyard.reactor.ports.Sink;
import dev.switchyard.reactor.runs.CategoryRuns;
import dev.switchyard.reactor.runs.Triggers;
import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.table.Categories;
import dev.switchyard.reactor.table.ControlTable;
import dev.switchyard.reactor.table.Stamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.UnaryOperator;

/**
 * A reactor on two stores with fakes for Glue and the orchestrator, driven as {@code replay} drives it: an
 * execution the reactor starts opens its category run at once, and an event deferred because its category
 * run was not open is delivered again after each opening.
 */
public final class World {
    public static final String ACTOR = "reactor-test";

    public final ItemTable controlItems;
    public final ItemTable stateItems;
    public final ControlTable control;
    public final CategoryRuns categoryRuns;
    public final Triggers triggers;
    public final FakeGlue glue;
    public final List<String> starts;
    public final List<JobRunMetric> metrics;
    public final List<AuditEntry> audit;
    public final List<DomainEvent> domainEvents;
    public final List<Outcome> outcomes;

    private final Bus bus;
    private final Reactor reactor;
    private final CategoryRunOpener opener;

    /** What every instance of one world shares: the orchestrator's queue and the sinks. */
    private static final class Bus {
        final List<String> starts = Collections.synchronizedList(new ArrayList<>());
        final List<JobRunMetric> metrics = Collections.synchronizedList(new ArrayList<>());
        final List<AuditEntry> audit = Collections.synchronizedList(new ArrayList<>());
        final List<DomainEvent> domainEvents = Collections.synchronizedList(new ArrayList<>());
        final List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        final ConcurrentLinkedQueue<Object[]> toOpen = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<InboundEvent> deferred = new ConcurrentLinkedQueue<>();
    }

    private World(ItemTable controlItems, ItemTable stateItems, FakeGlue glue, Bus bus, UnaryOperator<Object> wrap) {
        this.bus = bus;
        this.starts = bus.starts;
        this.metrics = bus.metrics;
        this.audit = bus.audit;
        this.domainEvents = bus.domainEvents;
        this.outcomes = bus.outcomes;
        this.controlItems = controlItems;
        this.stateItems = stateItems;
        this.control = new ControlTable(controlItems);
        this.glue = glue;
        ReactorConfig config = ReactorConfig.defaults();
        this.categoryRuns = new CategoryRuns(stateItems, config.runRetention());
        this.triggers = new Triggers(stateItems, config.runRetention());
        ExecutionStarter starter = (category, runDate, environment) -> {
            starts.add(category + "@" + runDate);
            bus.toOpen.add(new Object[] {category, runDate, environment});
            return "exec:" + ExecutionStarter.executionName(category, runDate);
        };
        @SuppressWarnings("unchecked")
        Ports ports = new Ports(
                (GlueRuns) wrap.apply(glue),
                (ExecutionStarter) wrap.apply(starter),
                (Sink<JobRunMetric>) wrap.apply((Sink<JobRunMetric>) metrics::add),
                (Sink<AuditEntry>) wrap.apply((Sink<AuditEntry>) audit::add),
                (Sink<DomainEvent>) wrap.apply((Sink<DomainEvent>) domainEvents::add));
        this.reactor = new Reactor(control, stateItems, ports, config.withActor(ACTOR));
        this.opener = new CategoryRunOpener(control, categoryRuns);
    }

    /** A world whose stores hold the day's control table and categories. */
    public static World of(ItemTable controlItems, ItemTable stateItems, List<GlueRun> glueRuns) {
        World world = new World(controlItems, stateItems, new FakeGlue(glueRuns), new Bus(), UnaryOperator.identity());
        Stamp stamp = new Stamp("alice", Histories.T0.minusSeconds(3_600));
        for (ControlTableItem item : Histories.table()) {
            world.control.put(item, OptionalLong.empty(), stamp);
        }
        Categories categories = new Categories(stateItems);
        for (CategoryDefinition definition : Histories.CATEGORIES) {
            categories.put(definition, OptionalLong.empty(), stamp);
        }
        return world;
    }

    /** Another reactor instance on the same stores and services. */
    public World instance() {
        return instance(UnaryOperator.identity());
    }

    /** Another instance whose ports and stores pass through {@code wrap} (e.g. to crash). */
    public World instance(UnaryOperator<Object> wrap) {
        return new World((ItemTable) wrap.apply(controlItems), (ItemTable) wrap.apply(stateItems), glue, bus, wrap);
    }

    /** Opens the category runs named (the roots of the day), as {@code --plan C@D} does. */
    public void open(Instant now, String... categories) {
        for (String category : categories) {
            bus.toOpen.add(new Object[] {category, Histories.D, null});
        }
        drain(now);
    }

    /** Delivers one event at its own time, as a replay does. */
    public Outcome deliver(InboundEvent event) {
        Outcome outcome = reactor.handle(event, event.time());
        outcomes.add(outcome);
        if (outcome.kind() == Outcome.Kind.DEFERRED) {
            bus.deferred.add(event);
        }
        drain(event.time());
        return outcome;
    }

    /**
     * Opens what was started, and delivers again what waited for it, until nothing is left to do. Work is
     * taken off its queue only when done, so a crash midway loses none of it (as the orchestrator's own
     * execution and the event source's redelivery would not).
     */
    public void drain(Instant now) {
        Object[] next;
        boolean opened = false;
        while ((next = bus.toOpen.peek()) != null) {
            CategoryRunOpener.Opened run = opener.open((String) next[0], (LocalDate) next[1], (String) next[2], now);
            outcomes.add(reactor.opened(run.run().run(), now));
            bus.toOpen.remove(next);
            opened = true;
        }
        if (opened) {
            List<InboundEvent> waiting = new ArrayList<>();
            InboundEvent event;
            while ((event = bus.deferred.poll()) != null) {
                waiting.add(event);
            }
            for (int i = 0; i < waiting.size(); i++) {
                try {
                    deliver(waiting.get(i));
                } catch (RuntimeException crashed) {
                    bus.deferred.addAll(waiting.subList(i, waiting.size()));
                    throw crashed;
                }
            }
        }
    }

    public Reactor reactor() {
        return reactor;
    }

    public List<InboundEvent> deferred() {
        return List.copyOf(bus.deferred);
    }

    /** Everything the tests compare between deliveries: the stores' lasting content and what was derived. */
    public record Snapshot(
            List<Map<String, Attr>> jobs,
            Map<String, String> triggers,
            Map<String, String> categoryRuns,
            Map<String, JobRunMetric> metrics,
            List<String> executions) {}

    public Snapshot snapshot() {
        List<Map<String, Attr>> jobs = new ArrayList<>(control.all());
        jobs.sort(Comparator.comparing(item -> ((Attr.S) item.get(ControlTableItem.JOB_NAME)).value()));
        Map<String, String> markers = new TreeMap<>();
        Map<String, String> runs = new TreeMap<>();
        for (CategoryDefinition category : Histories.CATEGORIES) {
            triggers.get(category.category(), Histories.D)
                    .ifPresent(t -> markers.put(
                            t.category() + "@" + t.runDate(),
                            t.causes() + " env=" + t.environment() + " exec=" + t.execution()));
            Optional<CategoryRuns.CategoryRun> run = categoryRuns.get(category.category(), Histories.D);
            run.ifPresent(r -> runs.put(
                    r.category() + "@" + r.runDate(),
                    r.status() + " "
                            + categoryRuns.manifest(r.category(), r.runDate()).stream()
                                    .map(e -> e.jobName() + "=" + e.state() + "/" + e.jobRunId())
                                    .toList()));
        }
        Map<String, JobRunMetric> byId = new TreeMap<>();
        synchronized (metrics) {
            metrics.forEach(m -> byId.put(m.metricId(), m));
        }
        List<String> executions;
        synchronized (starts) {
            executions = starts.stream().distinct().sorted().toList();
        }
        return new Snapshot(jobs, markers, runs, byId, executions);
    }

    /** Glue as a map of the day's runs. */
    public static final class FakeGlue implements GlueRuns {
        private final Map<String, GlueRun> runs = new java.util.concurrent.ConcurrentHashMap<>();

        FakeGlue(List<GlueRun> runs) {
            runs.forEach(this::put);
        }

        public void put(GlueRun run) {
            runs.put(run.jobName() + "/" + run.jobRunId(), run);
        }

        @Override
        public Optional<GlueRun> jobRun(String jobName, String jobRunId) {
            return Optional.ofNullable(runs.get(jobName + "/" + jobRunId));
        }

        @Override
        public List<GlueRun> jobRuns(String jobName, int max) {
            return runs.values().stream()
                    .filter(r -> r.jobName().equals(jobName))
                    .sorted(Comparator.comparing(GlueRun::startedOn).reversed())
                    .limit(max)
                    .toList();
        }
    }
}
