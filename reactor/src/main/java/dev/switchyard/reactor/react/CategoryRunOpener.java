package dev.switchyard.reactor.react;

import dev.switchyard.contracts.table.ControlTableItem;
import dev.switchyard.reactor.plan.Decision;
import dev.switchyard.reactor.plan.Plan;
import dev.switchyard.reactor.plan.Planner;
import dev.switchyard.reactor.runs.CategoryRuns;
import dev.switchyard.reactor.table.ControlTable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Starts a category run (SPEC §3): plans the category for the run date from the control table as it is now
 * and opens the run with the jobs planned SCHEDULED as its manifest. Opening again keeps the first manifest.
 */
public final class CategoryRunOpener {
    private final ControlTable control;
    private final CategoryRuns runs;
    private final Planner planner = new Planner();

    public CategoryRunOpener(ControlTable control, CategoryRuns runs) {
        this.control = control;
        this.runs = runs;
    }

    /** The plan and the run it opened (or found open). */
    public record Opened(Plan plan, CategoryRuns.Opened run) {}

    public Opened open(String category, LocalDate runDate, String environment, Instant now) {
        return open(category, runDate, environment, now, null);
    }

    /** The same, noting who opens the run (see {@link CategoryRuns#open(String, LocalDate, String, List, Instant, String)}). */
    public Opened open(String category, LocalDate runDate, String environment, Instant now, String openedBy) {
        List<ControlTableItem> items =
                ControlTable.loaded(category, control.category(category)).values();
        Plan plan = planner.plan(category, runDate, environment, items);
        return new Opened(plan, runs.open(category, runDate, environment, scheduled(plan), now, openedBy));
    }

    /** The names of a plan's SCHEDULED jobs. */
    public static List<String> scheduled(Plan plan) {
        return plan.scheduled().stream()
                .map(Decision::item)
                .map(ControlTableItem::jobName)
                .toList();
    }
}
