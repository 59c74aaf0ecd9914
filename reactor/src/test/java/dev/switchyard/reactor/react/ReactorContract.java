package dev.switchyard.reactor.react;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.contracts.event.GlueJobEvent;
import dev.switchyard.contracts.table.JobRunState;
import dev.switchyard.reactor.ports.TransientFailureException;
import dev.switchyard.reactor.runs.Triggers;
import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.store.TableSchema;
import dev.switchyard.reactor.table.ControlTable;
import dev.switchyard.reactor.table.StateTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The reactor's delivery guarantees on a store (SPEC §3–4): duplicates, reordering, two instances at once and
 * crashes between effects all end where in-order delivery ends. Each store runs it with its own number of
 * random days; the in-memory store also runs the jqwik properties of {@code ReactorProperties}.
 */
public abstract class ReactorContract {

    protected abstract ItemTable newTable(TableSchema schema);

    /** How many random days each test tries: the embedded stores afford more than a server over HTTP. */
    protected int days() {
        return 5;
    }

    /**
     * A second reactor instance on the same stores, for the exactly-once test: by default the same table objects;
     * a store may give another connection, as a second process would have.
     */
    protected World secondInstance(World first) {
        return first.instance();
    }

    protected World world(Histories.Day day) {
        return World.of(newTable(ControlTable.SCHEMA), newTable(StateTable.SCHEMA), day.runs());
    }

    /** The day delivered in order, once: what every other delivery must end in. */
    protected World.Snapshot inOrder(Histories.Day day) {
        World world = world(day);
        world.open(Histories.T0, "RAW", "REF");
        day.events().forEach(world::deliver);
        assertThat(world.deferred()).isEmpty();
        return world.snapshot();
    }

    static List<Histories.Story> stories(Random random) {
        List<Histories.Story> stories = new ArrayList<>();
        for (int i = 0; i < Histories.allJobs().size(); i++) {
            Histories.Story[] all = Histories.Story.values();
            // mostly successes, so that chaining is reached often
            stories.add(random.nextInt(4) == 0 ? all[random.nextInt(all.length)] : Histories.Story.SUCCEEDS);
        }
        return stories;
    }

    @Test
    void shouldTriggerEachDownstreamOnce_andEndSucceeded_whenEveryJobSucceedsInOrder() {
        Histories.Day day =
                Histories.day(Collections.nCopies(Histories.allJobs().size(), Histories.Story.SUCCEEDS), 1);

        World.Snapshot end = inOrder(day);

        assertThat(end.triggers()).containsOnlyKeys("STG@" + Histories.D, "MART@" + Histories.D);
        assertThat(end.triggers().get("STG@" + Histories.D)).startsWith("[RAW, REF]");
        assertThat(end.executions()).containsExactly("MART@" + Histories.D, "STG@" + Histories.D);
        assertThat(end.categoryRuns().values()).allMatch(run -> run.startsWith("SUCCEEDED"));
        assertThat(end.metrics()).hasSize(Histories.allJobs().size());
        for (Map<String, Attr> job : end.jobs()) {
            if (!job.get("JobName").equals(new Attr.S("raw_paused"))) {
                assertThat(job)
                        .containsEntry("StatusFlag", new Attr.S("SUCCEEDED"))
                        .containsEntry("LastRunDate", new Attr.S(Histories.D.toString()));
            }
        }
    }

    @Test
    void shouldEndInTheSameState_whenEventsAreDuplicatedAndReordered() {
        Random random = new Random(7);
        for (int i = 0; i < days(); i++) {
            Histories.Day day = Histories.day(stories(random), random.nextLong());
            World.Snapshot expected = inOrder(day);

            World world = world(day);
            world.open(Histories.T0, "RAW", "REF");
            Histories.redelivered(day.events(), random.nextLong()).forEach(world::deliver);

            assertThat(world.deferred()).isEmpty();
            assertThat(world.snapshot()).as("day %d", i).isEqualTo(expected);
        }
    }

    @Test
    void shouldTriggerExactlyOnce_withTwoReactorInstancesOnOneStore() throws Exception {
        Random random = new Random(11);
        for (int i = 0; i < days(); i++) {
            Histories.Day day = Histories.day(
                    Collections.nCopies(Histories.allJobs().size(), Histories.Story.SUCCEEDS), random.nextLong());
            World.Snapshot expected = inOrder(day);
            World first = world(day);
            World second = secondInstance(first);
            first.open(Histories.T0, "RAW", "REF");
            List<GlueJobEvent> a = Histories.redelivered(day.events(), random.nextLong());
            List<GlueJobEvent> b = Histories.redelivered(day.events(), random.nextLong());
            CyclicBarrier together = new CyclicBarrier(2);
            try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
                Future<?> one = pool.submit(() -> {
                    together.await();
                    a.forEach(first::deliver);
                    return null;
                });
                Future<?> two = pool.submit(() -> {
                    together.await();
                    b.forEach(second::deliver);
                    return null;
                });
                one.get();
                two.get();
            }
            first.drain(Histories.T0);
            first.deferred().forEach(first::deliver);

            List<Triggers.Trigger> claimed =
                    first.outcomes.stream().flatMap(o -> o.triggered().stream()).toList();
            assertThat(claimed)
                    .as("day %d: claims", i)
                    .extracting(t -> t.category() + "@" + t.runDate())
                    .containsExactlyInAnyOrder("STG@" + Histories.D, "MART@" + Histories.D);
            assertThat(first.snapshot()).as("day %d", i).isEqualTo(expected);
        }
    }

    @Test
    void shouldEndInTheSameState_whenTheReactorCrashesBetweenAnyTwoEffects_andTheEventIsRedelivered() {
        Random random = new Random(13);
        Histories.Day day = Histories.day(stories(random), random.nextLong());
        World.Snapshot expected = inOrder(day);
        int effects = countEffects(day);
        int step = Math.max(1, effects / (days() * 8));
        for (int crashAt = 1; crashAt <= effects; crashAt += step) {
            Crash crash = new Crash(crashAt);
            World base = world(day);
            World crashing = base.instance(crash::wrap);
            try {
                crashing.open(Histories.T0, "RAW", "REF");
            } catch (TransientFailureException crashed) {
                crashing.drain(Histories.T0);
            }
            for (GlueJobEvent event : day.events()) {
                try {
                    crashing.deliver(event);
                } catch (TransientFailureException crashed) {
                    // the function died; its event source delivers the event again
                    crashing.drain(event.time());
                    crashing.deliver(event);
                }
            }
            assertThat(crash.crashed()).as("crash %d happened", crashAt).isTrue();
            assertThat(crashing.snapshot())
                    .as("crash after effect %d of %d", crashAt, effects)
                    .isEqualTo(expected);
        }
    }

    private int countEffects(Histories.Day day) {
        Crash counting = new Crash(Integer.MAX_VALUE);
        World world = world(day).instance(counting::wrap);
        world.open(Histories.T0, "RAW", "REF");
        day.events().forEach(world::deliver);
        return counting.count();
    }

    static String summary(World.Snapshot snapshot) {
        return snapshot.jobs().stream()
                .map(j -> j.get("JobName") + "=" + j.get("StatusFlag"))
                .collect(Collectors.joining(", "));
    }

    @Test
    void shouldNeverRegressAJobsStatus_whenALateEventOfAnOlderRunArrives() {
        Histories.Day day =
                Histories.day(Collections.nCopies(Histories.allJobs().size(), Histories.Story.FAILS_THEN_SUCCEEDS), 3);
        World world = world(day);
        world.open(Histories.T0, "RAW", "REF");
        List<GlueJobEvent> events = new ArrayList<>(day.events());
        events.forEach(world::deliver);
        // the first run's events again, after the re-run succeeded
        events.stream().filter(e -> e.jobName().equals("raw_orders")).forEach(world::deliver);

        assertThat(world.control.get("raw_orders").orElseThrow())
                .containsEntry("StatusFlag", new Attr.S(JobRunState.SUCCEEDED.name()));
    }
}
