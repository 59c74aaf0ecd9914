package dev.switchyard.sqlite;

import static dev.switchyard.sqlite.TestItems.JOBS;
import static dev.switchyard.sqlite.TestItems.STATE;
import static dev.switchyard.sqlite.TestItems.item;
import static dev.switchyard.sqlite.TestItems.job;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.contracts.stream.TableChange;
import dev.switchyard.reactor.store.Condition;
import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.store.Query;
import dev.switchyard.reactor.store.StoreUnavailableException;
import dev.switchyard.reactor.store.TableSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store as a file: transactions, reopening, several stores on one file, and the schema it records. */
class SqliteStoreTest {
    private static final Clock CLOCK = Clock.systemUTC();

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("switchyard.db");
    }

    @Test
    void shouldLeaveNoItemsAndNoChanges_whenAtomicWorkThrowsMidway() {
        try (SqliteStore store = SqliteStore.open(file(), CLOCK)) {
            ItemTable jobs = store.table(JOBS);
            ItemTable state = store.table(STATE);
            jobs.put(job("BEFORE"), Condition.ALWAYS);

            assertThatThrownBy(() -> store.atomically(() -> {
                        for (int i = 0; i < 10; i++) {
                            jobs.put(job("IMPORTED" + i), Condition.ALWAYS);
                        }
                        jobs.delete(job("BEFORE"), Condition.ALWAYS);
                        state.put(item("PK", "P", "SK", "S"), Condition.ALWAYS);
                        throw new IllegalStateException("row 11 is bad");
                    }))
                    .hasMessage("row 11 is bad");

            assertThat(jobs.scan(100, null).items()).containsExactly(job("BEFORE"));
            assertThat(state.scan(100, null).items()).isEmpty();
            assertThat(store.changes(JOBS).read(0, 100)).hasSize(1);
        }
    }

    @Test
    void shouldCommitEveryWrite_whenNestedAtomicWorkCompletes() {
        try (SqliteStore store = SqliteStore.open(file(), CLOCK)) {
            ItemTable jobs = store.table(JOBS);

            int written = store.atomically(() -> {
                jobs.put(job("A"), Condition.ALWAYS);
                return jobs.atomically(() -> {
                    jobs.put(job("B"), Condition.ALWAYS);
                    return 2;
                });
            });

            assertThat(written).isEqualTo(2);
            assertThat(jobs.scan(10, null).items()).containsExactly(job("A"), job("B"));
            assertThat(store.changes(JOBS).read(0, 10)).hasSize(2);
        }
    }

    @Test
    void shouldKeepTheOtherWritesOfAtomicWork_whenFailedWritesAreCaughtInside() {
        FailingClock clock = new FailingClock();
        try (SqliteStore store = SqliteStore.open(file(), clock)) {
            ItemTable jobs = store.table(JOBS);

            store.atomically(() -> {
                jobs.put(job("A"), Condition.ALWAYS);
                try {
                    jobs.put(item("JobName", "REFUSED", "JobCategory", Attr.n(1)), Condition.ALWAYS);
                } catch (IllegalArgumentException refused) {
                    // the import reports the row and goes on
                }
                clock.failing = true;
                try {
                    // Fails after writing its item, before recording its change: neither may stay.
                    jobs.put(job("HALFWAY"), Condition.ALWAYS);
                } catch (IllegalStateException failed) {
                    clock.failing = false;
                }
                return jobs.put(job("C"), Condition.ALWAYS);
            });

            assertThat(jobs.scan(10, null).items()).containsExactly(job("A"), job("C"));
            assertThat(store.changes(JOBS).read(0, 10)).hasSize(2);
        }
    }

    @Test
    void shouldKeepItemsAndChanges_whenTheFileIsClosedAndReopened() {
        try (SqliteStore store = SqliteStore.open(file(), CLOCK)) {
            store.table(JOBS).put(item("JobName", "J", "Text", "hé ✓"), Condition.ALWAYS);
        }

        try (SqliteStore reopened = SqliteStore.open(file(), CLOCK)) {
            assertThat(reopened.table(JOBS).get(job("J"))).contains(item("JobName", "J", "Text", "hé ✓"));
            assertThat(reopened.changes(JOBS).read(0, 10))
                    .singleElement()
                    .satisfies(c -> assertThat(c.kind()).isEqualTo(TableChange.Kind.INSERT));
        }
    }

    @Test
    void shouldCreateTheDirectories_whenTheFileIsNew_inWalMode() {
        Path file = dir.resolve(SqliteStore.DEFAULT_FILE);

        try (SqliteStore store = SqliteStore.open(file, CLOCK)) {
            store.table(JOBS).put(job("J"), Condition.ALWAYS);

            assertThat(file).exists();
            // A write-ahead log beside the file while it is open: WAL mode, as several processes need.
            assertThat(file.resolveSibling(file.getFileName() + "-wal")).exists();
        }
    }

    @Test
    void shouldSeeEachOthersWritesAndChanges_whenTwoStoresShareAFile() {
        try (SqliteStore cli = SqliteStore.open(file(), CLOCK);
                SqliteStore reactor = SqliteStore.open(file(), CLOCK)) {
            ItemTable cliJobs = cli.table(JOBS);
            ItemTable reactorJobs = reactor.table(JOBS);

            cliJobs.put(job("FROM_CLI"), Condition.ALWAYS);
            reactorJobs.put(job("FROM_REACTOR"), Condition.ALWAYS);

            assertThat(reactorJobs.get(job("FROM_CLI"))).isPresent();
            assertThat(cliJobs.get(job("FROM_REACTOR"))).isPresent();
            assertThat(reactor.changes(JOBS).read(0, 10)).hasSize(2);
        }
    }

    @Test
    void shouldLetExactlyOneConditionalPutWin_whenTwoStoresOnOneFileRace() throws Exception {
        try (SqliteStore first = SqliteStore.open(file(), CLOCK);
                SqliteStore second = SqliteStore.open(file(), CLOCK);
                ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<ItemTable> tables = List.of(first.table(STATE), second.table(STATE));
            AtomicInteger wins = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> claims = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                ItemTable table = tables.get(t % 2);
                int claimant = t;
                claims.add(pool.submit(() -> {
                    start.await();
                    if (table.put(
                                    item("PK", "TRIGGER#STG", "SK", "2026-11-30", "By", claimant),
                                    Condition.notExists("PK"))
                            .applied()) {
                        wins.incrementAndGet();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> claim : claims) {
                claim.get();
            }

            assertThat(wins).hasValue(1);
        }
    }

    @Test
    void shouldReportTheStoreUnavailable_whenAnotherProcessHoldsTheWriteLockPastTheTimeout() throws Exception {
        try (SqliteStore holder = SqliteStore.open(file(), CLOCK);
                SqliteStore waiter = SqliteStore.open(file(), CLOCK, Duration.ofMillis(200));
                ExecutorService pool = Executors.newSingleThreadExecutor()) {
            ItemTable held = holder.table(JOBS);
            ItemTable waiting = waiter.table(JOBS);
            waiting.put(job("COMMITTED"), Condition.ALWAYS);
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Future<?> importing = pool.submit(() -> holder.atomically(() -> {
                held.put(job("IMPORTING"), Condition.ALWAYS);
                holding.countDown();
                await(release);
                return null;
            }));
            holding.await();

            assertThatThrownBy(() -> waiting.put(job("LATE"), Condition.ALWAYS))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining(file().toString());
            // WAL: a reader in another process still reads what was committed, not what is under way.
            assertThat(waiting.get(job("COMMITTED"))).isPresent();
            assertThat(waiting.get(job("IMPORTING"))).isEmpty();
            release.countDown();
            importing.get();
            assertThat(waiting.get(job("IMPORTING"))).isPresent();
        }
    }

    @Test
    void shouldMakeOtherThreadsWait_whileOneThreadIsInsideAtomically() throws Exception {
        try (SqliteStore store = SqliteStore.open(file(), CLOCK);
                ExecutorService pool = Executors.newFixedThreadPool(2)) {
            ItemTable jobs = store.table(JOBS);
            List<String> events = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch inside = new CountDownLatch(1);
            Future<?> importing = pool.submit(() -> store.atomically(() -> {
                jobs.put(job("A"), Condition.ALWAYS);
                inside.countDown();
                sleep(300);
                events.add("import ends");
                return null;
            }));
            inside.await();

            Future<?> other = pool.submit(() -> {
                boolean sawImport = jobs.get(job("A")).isPresent();
                jobs.put(job("B"), Condition.ALWAYS);
                events.add("other wrote, saw the import: " + sawImport);
            });
            importing.get();
            other.get();

            assertThat(events).containsExactly("import ends", "other wrote, saw the import: true");
        }
    }

    @Test
    void shouldRefuseToOpenATable_whenItsRecordedSchemaDiffers() {
        try (SqliteStore store = SqliteStore.open(file(), CLOCK)) {
            store.table(JOBS);
        }
        TableSchema moreIndexes = new TableSchema(
                "jobs",
                "JobName",
                null,
                List.of(
                        new TableSchema.Index("JobCategory-index", "JobCategory", "JobName", false),
                        new TableSchema.Index("ByState", "State", "JobName", false)),
                true,
                null);

        try (SqliteStore store = SqliteStore.open(file(), CLOCK)) {
            assertThatThrownBy(() -> store.table(moreIndexes))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("table jobs in " + file())
                    .hasMessageContaining("another schema")
                    .hasMessageContaining("ByState");
            // A name differing only in case would share the physical table, so it is refused too.
            assertThatThrownBy(() -> store.table(SqliteTables.renamed(JOBS, "JOBS")))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(store.table(JOBS).get(job("J"))).isEmpty();
        }
    }

    @Test
    void shouldRefuseATableName_whenItIsNoSafeSqlIdentifier() {
        try (SqliteStore store = SqliteStore.openInMemory(CLOCK)) {
            for (String name : List.of("jobs; DROP TABLE x", "a\"b", "1jobs", "_x", "jobs-table", "")) {
                assertThatThrownBy(() -> store.table(SqliteTables.renamed(JOBS, name)))
                        .as(name)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("cannot name a SQLite table");
            }
        }
    }

    @Test
    void shouldRefuseCalls_whenTheStoreIsClosed() {
        SqliteStore store = SqliteStore.open(file(), CLOCK);
        ItemTable jobs = store.table(JOBS);
        store.close();

        assertThatThrownBy(() -> jobs.get(job("J")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void shouldNameTheFile_whenSqliteFails() throws Exception {
        Files.writeString(file(), "this is not a database, but long enough to look like one's header........");

        assertThatThrownBy(() -> SqliteStore.open(file(), CLOCK))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file().toString());
    }

    @Test
    void shouldServeSeveralThreads_whenInMemory() throws Exception {
        try (SqliteStore store = SqliteStore.openInMemory(CLOCK);
                ExecutorService pool = Executors.newFixedThreadPool(4)) {
            ItemTable jobs = store.table(JOBS);
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 25; i++) {
                        jobs.put(job("T" + thread + "_" + i), Condition.ALWAYS);
                    }
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }

            assertThat(jobs.query(Query.table("T3_7", 1)).items()).hasSize(1);
            assertThat(store.changes(JOBS).read(0, 1000)).hasSize(100);
        }
    }

    /** A clock that fails while told to, to break a write between its item and its change record. */
    private static final class FailingClock extends Clock {
        volatile boolean failing;

        @Override
        public Instant instant() {
            if (failing) {
                throw new IllegalStateException("clock failed");
            }
            return Instant.parse("2026-11-30T08:00:00Z");
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
