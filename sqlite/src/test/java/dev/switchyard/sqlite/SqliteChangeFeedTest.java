package dev.switchyard.sqlite;

import static dev.switchyard.sqlite.TestItems.JOBS;
import static dev.switchyard.sqlite.TestItems.STATE;
import static dev.switchyard.sqlite.TestItems.item;
import static dev.switchyard.sqlite.TestItems.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.contracts.stream.TableChange;
import dev.switchyard.reactor.store.ChangeFeed;
import dev.switchyard.reactor.store.Condition;
import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.store.Update;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The change feed of a streamed table: what DynamoDB Streams would deliver, in the order it happened. */
class SqliteChangeFeedTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-30T08:00:00.750Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private SqliteStore store;
    private ItemTable jobs;
    private ChangeFeed changes;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir.resolve("switchyard.db"), CLOCK);
        jobs = store.table(JOBS);
        changes = store.changes(JOBS);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void shouldRecordInsertModifyAndRemove_inOrder_withBothImages_whenAnItemIsWrittenThenDeleted() {
        jobs.put(item("JobName", "J", "Version", 1), Condition.ALWAYS);
        jobs.update(job("J"), Update.builder().set("Version", Attr.n(2)).build(), Condition.ALWAYS);
        jobs.delete(job("J"), Condition.ALWAYS);

        List<TableChange> read = changes.read(0, 10);

        assertThat(read)
                .extracting(TableChange::kind)
                .containsExactly(TableChange.Kind.INSERT, TableChange.Kind.MODIFY, TableChange.Kind.REMOVE);
        assertThat(read)
                .extracting(TableChange::oldImage)
                .containsExactly(null, item("JobName", "J", "Version", 1), item("JobName", "J", "Version", 2));
        assertThat(read)
                .extracting(TableChange::newImage)
                .containsExactly(item("JobName", "J", "Version", 1), item("JobName", "J", "Version", 2), null);
        assertThat(read).allSatisfy(change -> {
            assertThat(change.table()).isEqualTo("jobs");
            assertThat(change.keys()).isEqualTo(job("J"));
            assertThat(change.ttlExpiry()).isFalse();
        });
        assertThat(read).extracting(TableChange::sequenceNumber).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void shouldStampEveryChangeWithTheClock_toTheSecond_andAUniqueEventId_whenWriting() {
        jobs.put(job("A"), Condition.ALWAYS);
        jobs.put(job("B"), Condition.ALWAYS);

        List<TableChange> read = changes.read(0, 10);

        assertThat(read).extracting(TableChange::at).containsOnly(Instant.parse("2026-11-30T08:00:00Z"));
        Set<String> ids = read.stream().map(TableChange::eventId).collect(Collectors.toSet());
        assertThat(ids).hasSize(2);
    }

    @Test
    void shouldRecordNothing_whenTheConditionFails() {
        jobs.put(item("JobName", "J", "Version", 1), Condition.ALWAYS);

        jobs.put(item("JobName", "J", "Version", 9), Condition.notExists("JobName"));
        jobs.update(job("J"), Update.builder().set("Version", Attr.n(9)).build(), Condition.eq("Version", Attr.n(5)));
        jobs.delete(job("J"), Condition.eq("Version", Attr.n(5)));

        assertThat(changes.read(0, 10)).extracting(TableChange::kind).containsExactly(TableChange.Kind.INSERT);
    }

    @Test
    void shouldRecordNothing_whenDeletingAMissingItem() {
        assertThat(jobs.delete(job("GONE"), Condition.ALWAYS).applied()).isTrue();

        assertThat(changes.read(0, 10)).isEmpty();
    }

    @Test
    void shouldRecordNothing_whenAWriteLeavesTheItemAsItWas() {
        jobs.put(item("JobName", "J", "Version", 1), Condition.ALWAYS);

        assertThat(jobs.put(item("JobName", "J", "Version", 1), Condition.ALWAYS)
                        .applied())
                .isTrue();
        assertThat(jobs.update(
                                job("J"),
                                Update.builder()
                                        .set("Version", new Attr.N("1.0"))
                                        .build(),
                                Condition.ALWAYS)
                        .applied())
                .isTrue();

        assertThat(changes.read(0, 10)).hasSize(1);
    }

    @Test
    void shouldRecordNothing_whenAnUpdateIsRefused() {
        jobs.put(job("J"), Condition.ALWAYS);

        assertThatThrownBy(() -> jobs.update(
                        job("J"),
                        Update.builder()
                                .set("Big", new Attr.S("x".repeat(410 * 1024)))
                                .build(),
                        Condition.ALWAYS))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(changes.read(0, 10)).hasSize(1);
    }

    @Test
    void shouldReadOnAfterTheLastSequenceNumber_whenPaging() {
        for (int i = 0; i < 7; i++) {
            jobs.put(job("J" + i), Condition.ALWAYS);
        }

        List<String> names = new java.util.ArrayList<>();
        long after = 0;
        List<TableChange> page;
        do {
            page = changes.read(after, 3);
            page.forEach(change -> names.add(TestItems.text(change.newImage(), "JobName")));
            if (!page.isEmpty()) {
                after = Long.parseLong(page.getLast().sequenceNumber());
            }
        } while (!page.isEmpty());

        assertThat(names).containsExactly("J0", "J1", "J2", "J3", "J4", "J5", "J6");
    }

    @Test
    void shouldKeepEachTablesChangesApart_whenTwoTablesAreStreamed() {
        ItemTable other = store.table(SqliteTables.renamed(JOBS, "other_jobs"));
        other.put(job("X"), Condition.ALWAYS);
        jobs.put(job("J"), Condition.ALWAYS);

        assertThat(changes.read(0, 10)).extracting(c -> c.keys()).containsExactly(job("J"));
        assertThat(store.changes(other.schema()).read(0, 10))
                .singleElement()
                .satisfies(c -> assertThat(c.table()).isEqualTo("other_jobs"));
    }

    @Test
    void shouldRefuseAFeed_whenTheTableIsNotStreamed() {
        assertThatThrownBy(() -> store.changes(STATE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not streamed");
    }
}
