package dev.switchyard.benchmarks;

import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.contracts.category.CategoryDefinition;
import dev.switchyard.contracts.domain.DomainEvent;
import dev.switchyard.contracts.event.InboundEvent;
import dev.switchyard.reactor.ports.ExecutionStarter;
import dev.switchyard.reactor.ports.GlueRuns;
import dev.switchyard.reactor.ports.Sink;
import dev.switchyard.reactor.react.CategoryRunOpener;
import dev.switchyard.reactor.react.Outcome;
import dev.switchyard.reactor.react.Ports;
import dev.switchyard.reactor.react.Reactor;
import dev.switchyard.reactor.react.ReactorConfig;
import dev.switchyard.reactor.runs.CategoryRuns;
import dev.switchyard.reactor.store.Condition;
import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.table.Categories;
import dev.switchyard.reactor.table.ControlTable;
import dev.switchyard.reactor.table.Stamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The reactor on two stores, driven as {@code switchyard replay} drives it: the day's root category runs
 * are opened by hand, and an execution the reactor starts opens its category run at once (planning the
 * category from the control table), as the orchestrator's first state would.
 */
final class DayRunner {
    static final Stamp LOADER = new Stamp("bench-import", Instant.parse("2026-11-29T12:00:00Z"));
    static final String ACTOR = "bench-reactor";

    /** A start the reactor asked for, not yet opened. */
    private record Start(String category, LocalDate runDate, String environment) {}

    private final ItemTable stateItems;
    private final ControlTable control;
    private final CategoryRuns categoryRuns;
    private final CategoryRunOpener opener;
    private final Ports ports;
    private final ReactorConfig config = ReactorConfig.defaults().withActor(ACTOR);
    private final boolean cold;
    private final ArrayDeque<Start> toOpen = new ArrayDeque<>();
    private Reactor reactor;

    /** How the delivered events came out. */
    final EnumMap<Outcome.Kind, Integer> outcomes = new EnumMap<>(Outcome.Kind.class);

    int starts;
    int triggers;

    /**
     * @param cold whether every event meets a new reactor instance (nothing cached), rather than one
     *     instance handling the whole day
     */
    DayRunner(
            ItemTable controlItems, ItemTable stateItems, GlueRuns glue, Sink<DomainEvent> domainEvents, boolean cold) {
        this.stateItems = stateItems;
        this.control = new ControlTable(controlItems);
        this.categoryRuns = new CategoryRuns(stateItems, config.runRetention());
        this.opener = new CategoryRunOpener(control, categoryRuns);
        ExecutionStarter starter = (category, runDate, environment) -> {
            starts++;
            toOpen.add(new Start(category, runDate, environment));
            return "arn:aws:states:eu-west-1:123456789012:execution:switchyard:"
                    + ExecutionStarter.executionName(category, runDate);
        };
        this.ports = new Ports(glue, starter, Sink.discard(), Sink.discard(), domainEvents);
        this.cold = cold;
        this.reactor = new Reactor(control, stateItems, ports, config);
    }

    /** Puts the control table's items and the category definitions into empty stores. */
    static void load(ItemTable controlItems, ItemTable stateItems, List<Map<String, Attr>> items) {
        controlItems.atomically(() -> {
            for (Map<String, Attr> item : items) {
                controlItems.put(item, Condition.ALWAYS);
            }
            return null;
        });
        Categories categories = new Categories(stateItems);
        for (CategoryDefinition definition : ReactorDay.CATEGORIES) {
            categories.put(definition, OptionalLong.empty(), LOADER);
        }
    }

    /** Opens the day's root category runs, RAW and REF, as the day's first executions do. */
    void openRoots(Instant now) {
        for (String root : ROOTS) {
            openRoot(root, now);
        }
    }

    /** The categories without upstream, opened by hand. */
    static final List<String> ROOTS = List.of("RAW", "REF");

    /** Opens one root category run for the day. */
    void openRoot(String category, Instant now) {
        toOpen.add(new Start(category, ReactorDay.RUN_DATE, ReactorDay.ENVIRONMENT));
        drain(now);
    }

    /** Handles one event at its own time, and opens what it triggered. */
    Outcome deliver(InboundEvent event) {
        Outcome outcome = handle(event);
        drain(event.time());
        return outcome;
    }

    /** Handles one event at its own time; what it triggered waits for {@link #drain}. */
    Outcome handle(InboundEvent event) {
        if (cold) {
            reactor = new Reactor(control, stateItems, ports, config);
        }
        Outcome outcome = reactor.handle(event, event.time());
        outcomes.merge(outcome.kind(), 1, Integer::sum);
        triggers += outcome.triggered().size();
        return outcome;
    }

    /** Opens the category runs whose executions were started; returns how many. */
    int drain(Instant now) {
        int opened = 0;
        Start next;
        while ((next = toOpen.poll()) != null) {
            CategoryRunOpener.Opened run = opener.open(next.category(), next.runDate(), next.environment(), now);
            int size = ReactorDay.SIZES.get(next.category());
            if (run.run().run().manifestSize() != size) {
                throw new IllegalStateException(next.category() + " planned "
                        + run.run().run().manifestSize() + " jobs, not " + size + ": " + run.plan());
            }
            reactor.opened(run.run().run(), now);
            opened++;
        }
        return opened;
    }

    /** Fails unless the day came out as it must: every category run succeeded, STG and MART triggered once. */
    void verify(int delivered) {
        int handled = outcomes.values().stream().mapToInt(Integer::intValue).sum();
        int applied = outcomes.getOrDefault(Outcome.Kind.APPLIED, 0);
        int unknown = outcomes.getOrDefault(Outcome.Kind.UNKNOWN_JOB, 0);
        int duplicates = outcomes.getOrDefault(Outcome.Kind.DUPLICATE, 0);
        int known = ReactorDay.ORIGINAL_LINES - 2 * ReactorDay.UNKNOWN_RUNS;
        if (handled != delivered
                || applied != known
                || unknown < 2 * ReactorDay.UNKNOWN_RUNS
                || unknown + duplicates != delivered - known
                || triggers != 2
                || starts != 2) {
            throw new IllegalStateException("the day came out wrong: " + outcomes + ", " + triggers + " triggers, "
                    + starts + " starts, of " + delivered + " events");
        }
        for (String category : ReactorDay.SIZES.keySet()) {
            CategoryRuns.Status status = categoryRuns
                    .get(category, ReactorDay.RUN_DATE)
                    .map(CategoryRuns.CategoryRun::status)
                    .orElse(null);
            if (status != CategoryRuns.Status.SUCCEEDED) {
                throw new IllegalStateException(category + " on " + ReactorDay.RUN_DATE + " is " + status);
            }
        }
    }
}
