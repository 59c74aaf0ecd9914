package dev.switchyard.reactor.react;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchyard.contracts.event.GlueJobEvent;
import dev.switchyard.reactor.ports.TransientFailureException;
import dev.switchyard.reactor.store.InMemoryItemTable;
import dev.switchyard.reactor.table.ControlTable;
import dev.switchyard.reactor.table.StateTable;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The laws of SPEC §3–4 for random days on the in-memory store: duplication and reordering change nothing,
 * and a crash between any two effects followed by redelivery changes nothing. (The same laws run on SQLite
 * and on the DynamoDB-API server with fewer, seeded days: see {@link ReactorContract}.)
 */
class ReactorProperties {

    @Provide
    Arbitrary<List<Histories.Story>> stories() {
        return Arbitraries.of(Histories.Story.class)
                .list()
                .ofSize(Histories.allJobs().size());
    }

    private static World world(Histories.Day day) {
        return World.of(
                new InMemoryItemTable(ControlTable.SCHEMA), new InMemoryItemTable(StateTable.SCHEMA), day.runs());
    }

    private static World.Snapshot inOrder(Histories.Day day) {
        World world = world(day);
        world.open(Histories.T0, "RAW", "REF");
        day.events().forEach(world::deliver);
        return world.snapshot();
    }

    @Property(tries = 300)
    void shouldGiveTheSameTableAndTriggers_forAnyDuplicationAndReordering(
            @ForAll("stories") List<Histories.Story> stories, @ForAll long daySeed, @ForAll long deliverySeed) {
        Histories.Day day = Histories.day(stories, daySeed);
        World.Snapshot expected = inOrder(day);

        World world = world(day);
        world.open(Histories.T0, "RAW", "REF");
        Histories.redelivered(day.events(), deliverySeed).forEach(world::deliver);

        assertThat(world.deferred()).isEmpty();
        assertThat(world.snapshot()).isEqualTo(expected);
    }

    @Property(tries = 300)
    void shouldEndInTheSameState_afterACrashBetweenAnyTwoEffects_andRedelivery(
            @ForAll("stories") List<Histories.Story> stories,
            @ForAll long daySeed,
            @ForAll @IntRange(min = 1, max = 400) int crashAt) {
        Histories.Day day = Histories.day(stories, daySeed);
        World.Snapshot expected = inOrder(day);

        Crash crash = new Crash(crashAt);
        World base = world(day);
        World world = base.instance(crash::wrap);
        try {
            world.open(Histories.T0, "RAW", "REF");
        } catch (TransientFailureException crashed) {
            world.drain(Histories.T0);
        }
        for (GlueJobEvent event : day.events()) {
            try {
                world.deliver(event);
            } catch (TransientFailureException crashed) {
                world.drain(event.time());
                world.deliver(event);
            }
        }

        assertThat(base.snapshot()).isEqualTo(expected);
    }
}
