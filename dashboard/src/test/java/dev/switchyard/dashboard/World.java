package dev.switchyard.dashboard;

import dev.switchyard.contracts.category.CategoryDefinition;
import dev.switchyard.contracts.event.GlueJobEvent;
import dev.switchyard.contracts.table.ControlTableItem;
import dev.switchyard.contracts.table.JobRunState;
import dev.switchyard.reactor.ports.GlueRuns;
import dev.switchyard.reactor.react.Ports;
import dev.switchyard.reactor.react.Reactor;
import dev.switchyard.reactor.react.ReactorConfig;
import dev.switchyard.reactor.runs.CategoryRuns;
import dev.switchyard.reactor.store.InMemoryItemTable;
import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.table.Categories;
import dev.switchyard.reactor.table.ControlTable;
import dev.switchyard.reactor.table.Stamp;
import dev.switchyard.reactor.table.StateTable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** Stores whose state the reactor builds from Glue events, as it does for real, for the dashboard to read. */
final class World {
    static final LocalDate D = LocalDate.of(2026, 11, 30);
    static final Instant T0 = Instant.parse("2026-11-30T06:00:00Z");

    final ItemTable jobs;
    final ItemTable state;
    final ControlTable control;
    private final Reactor reactor;
    private int events;

    World() {
        this(new InMemoryItemTable(ControlTable.SCHEMA), new InMemoryItemTable(StateTable.SCHEMA));
    }

    World(ItemTable jobs, ItemTable state) {
        this.jobs = jobs;
        this.state = state;
        this.control = new ControlTable(jobs);
        Ports ports = new Ports(GlueRuns.NONE, (category, date, env) -> "exec", m -> {}, a -> {}, e -> {});
        this.reactor = new Reactor(control, state, ports, ReactorConfig.defaults());
    }

    World category(String name, String... dependsOn) {
        new Categories(state)
                .put(
                        new CategoryDefinition(name, List.of(dependsOn), 2, Map.of()),
                        OptionalLong.empty(),
                        new Stamp("alice", T0.minus(Duration.ofDays(90))));
        return this;
    }

    World job(String name, String category, String runCondition, String skipFlag) {
        control.put(
                ControlTableItem.of(name, category, runCondition, skipFlag),
                OptionalLong.empty(),
                new Stamp("alice", T0.minus(Duration.ofDays(90))));
        return this;
    }

    /** Opens the category run of {@code category} on {@code date} with this manifest, as the planner does. */
    World open(String category, LocalDate date, String... manifest) {
        new CategoryRuns(state, Duration.ofDays(30)).open(category, date, null, List.of(manifest), T0.minusSeconds(60));
        return this;
    }

    /** A run of {@code job} from {@code start}, {@code seconds} long, ending {@code end}. */
    World run(String job, String runId, Instant start, long seconds, JobRunState end) {
        running(job, runId, start);
        Instant done = start.plusSeconds(seconds);
        reactor.handle(event(GlueJobEvent.Kind.STATE_CHANGE, job, runId, end, done, null), done);
        return this;
    }

    /** A run of {@code job} that started at {@code start} and goes on. */
    World running(String job, String runId, Instant start) {
        reactor.handle(event(GlueJobEvent.Kind.RUN_STATUS, job, runId, JobRunState.RUNNING, start, start), start);
        return this;
    }

    /** A run a day before {@link #T0} for {@code days} days, of these durations in turn. */
    World history(String job, int days, long... seconds) {
        for (int day = days; day >= 1; day--) {
            run(
                    job,
                    job + "_past_" + day,
                    T0.minus(Duration.ofDays(day)),
                    seconds[day % seconds.length],
                    JobRunState.SUCCEEDED);
        }
        return this;
    }

    private GlueJobEvent event(
            GlueJobEvent.Kind kind, String job, String runId, JobRunState state, Instant time, Instant startedOn) {
        return new GlueJobEvent(
                "ev-" + events++,
                kind,
                job,
                runId,
                state,
                time.truncatedTo(ChronoUnit.SECONDS),
                startedOn,
                "Job run " + state);
    }
}
