package dev.switchyard.reactor.react;

import dev.switchyard.contracts.category.CategoryDefinition;
import dev.switchyard.contracts.category.CategoryGraph;
import dev.switchyard.contracts.domain.DomainEvent;
import dev.switchyard.reactor.ports.ExecutionStarter;
import dev.switchyard.reactor.ports.Sink;
import dev.switchyard.reactor.runs.CategoryRuns;
import dev.switchyard.reactor.runs.Triggers;
import dev.switchyard.reactor.table.Categories;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Fan-in chaining (SPEC §3): when a category run succeeds, each category depending on it whose other
 * upstream runs for the run date have succeeded too is triggered, exactly once per {@code (category, run
 * date)}. The trigger marker is a conditional put, so one caller wins however many try; the execution is
 * started after the marker and noted on it, and starting is idempotent (a deterministic execution name), so
 * a crash between the two is mended by the redelivery that follows.
 *
 * <p>Two upstream runs that succeed at the same moment on two instances cannot both miss each other: each
 * writes its own success before it reads the other's, with consistent reads.
 */
final class Chaining {
    private final Categories categories;
    private final CategoryRuns runs;
    private final Triggers triggers;
    private final ExecutionStarter starter;
    private final Sink<DomainEvent> domainEvents;
    private final String actor;

    Chaining(
            Categories categories,
            CategoryRuns runs,
            Triggers triggers,
            ExecutionStarter starter,
            Sink<DomainEvent> domainEvents,
            String actor) {
        this.categories = categories;
        this.runs = runs;
        this.triggers = triggers;
        this.starter = starter;
        this.domainEvents = domainEvents;
        this.actor = actor;
    }

    /** The category definitions as they are now. */
    List<CategoryDefinition> categories() {
        return categories.read().definitions();
    }

    /** Triggers what {@code upstream}'s success makes due; returns the triggers this call claimed. */
    List<Triggers.Trigger> chain(CategoryRuns.CategoryRun upstream, Instant now) {
        if (upstream.status() != CategoryRuns.Status.SUCCEEDED) {
            return List.of();
        }
        CategoryGraph graph = CategoryGraph.of(categories());
        List<Triggers.Trigger> claimed = new ArrayList<>();
        for (String downstream : new TreeSet<>(graph.downstreamOf(upstream.category()))) {
            CategoryDefinition definition = graph.getOrDefault(downstream);
            if (!othersSucceeded(definition, upstream)) {
                continue;
            }
            Triggers.Trigger trigger = new Triggers.Trigger(
                    downstream,
                    upstream.runDate(),
                    upstream.environment(),
                    new TreeSet<>(definition.dependsOn()).stream().toList(),
                    now,
                    actor);
            boolean won = triggers.claim(trigger);
            Triggers.Trigger marker =
                    won ? trigger : triggers.get(downstream, upstream.runDate()).orElse(trigger);
            if (marker.execution() == null) {
                start(marker, now);
            }
            if (won) {
                claimed.add(trigger);
            }
        }
        return claimed;
    }

    /**
     * Starts a claimed run and notes it on the marker. Whoever finds the marker without its execution does
     * this: the claimant, a redelivery after a crash, or reconciliation; starting is idempotent, and the
     * domain event is sent before the note, so it is sent at least once.
     */
    void start(Triggers.Trigger marker, Instant now) {
        String execution = starter.start(marker.category(), marker.runDate(), marker.environment());
        domainEvents.accept(new DomainEvent.CategoryTriggered(
                marker.category(), marker.runDate(), marker.environment(), marker.causes(), now));
        triggers.markStarted(marker.category(), marker.runDate(), execution);
    }

    /** A category's latest markers whose execution was never noted (a crash or failure after the claim). */
    List<Triggers.Trigger> unstarted(String category, int lookBack) {
        return triggers.recent(category, lookBack).stream()
                .filter(t -> t.execution() == null)
                .toList();
    }

    private boolean othersSucceeded(CategoryDefinition downstream, CategoryRuns.CategoryRun upstream) {
        for (String other : downstream.dependsOn()) {
            if (other.equals(upstream.category())) {
                continue;
            }
            boolean succeeded = runs.get(other, upstream.runDate())
                    .map(run -> run.status() == CategoryRuns.Status.SUCCEEDED)
                    .orElse(false);
            if (!succeeded) {
                return false;
            }
        }
        return true;
    }
}
