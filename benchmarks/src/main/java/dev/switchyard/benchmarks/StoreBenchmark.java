package dev.switchyard.benchmarks;

import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.contracts.table.ControlTableItem;
import dev.switchyard.contracts.table.Timestamps;
import dev.switchyard.dynamodb.Dynalite;
import dev.switchyard.dynamodb.DynamoItemTable;
import dev.switchyard.dynamodb.DynamoTables;
import dev.switchyard.reactor.store.Condition;
import dev.switchyard.reactor.store.InMemoryItemTable;
import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.store.Path;
import dev.switchyard.reactor.table.ControlTable;
import dev.switchyard.reactor.table.Stamp;
import dev.switchyard.sqlite.SqliteStore;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * The control table's two hot paths on each store adapter: reading one category of 10,000 jobs (what
 * every plan does) and the reactor's conditional status write (one per Glue state change).
 *
 * <p>Each trial (one fork per adapter and benchmark) builds a control table of 20,000 jobs, 10,000 in
 * {@code RAW} and 10,000 in {@code STG}, with the columns operators keep (JobName {@code raw_job_00042},
 * JobCategory, RunCondition, SkipFlag {@code NO}, Owner, Environment), a status from an earlier run, and
 * Version/UpdatedBy/UpdatedAt as {@link ControlTable#importAll} stamps them. The rows are imported into
 * memory once and then copied item by item into the store under test (SQLite: in one transaction;
 * dynalite: by 8 threads), which is quicker than importing there and stores the same items.
 *
 * <ul>
 *   <li>{@code categoryQuery}: {@code new ControlTable(table).category("RAW")}, 20 pages of 500 from the
 *       category index; time per query in ms.
 *   <li>{@code statusWrite}: {@link ControlTable#writeStatus} of StatusFlag and LastRunTimestamp, guarded
 *       as the reactor guards an event ("the job exists and its LastRunTimestamp is not newer than the
 *       event's"), cycling over all 20,000 jobs with an ever later timestamp, so every write applies;
 *       writes per second from one thread.
 *   <li>{@code statusWrite4Threads}: the same from 4 threads, each cycling over its own quarter of the jobs;
 *       writes per second of all four together.
 * </ul>
 *
 * <p>Adapters ({@code store}): {@code memory} ({@link InMemoryItemTable}), {@code sqlite} ({@link
 * SqliteStore} in a file of a temporary directory: WAL, synchronous FULL, the change feed recorded with
 * every write) and {@code dynalite} ({@link DynamoItemTable} against dynalite, a DynamoDB-API server in
 * Node.js started on localhost by {@link Dynalite}, which needs Node.js 20+ and the repository's {@code
 * tools/dynalite}: run from the repository root). Its Node.js process is stopped by {@link Dynalite}'s
 * shutdown hook when the forked JVM exits. Iterations are the same for every adapter: even on dynalite a
 * 2 s iteration holds ~17 category reads or ~800 writes, and loading its 20,000 items (~10 s) dominates.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class StoreBenchmark {
    static final int JOBS_PER_CATEGORY = 10_000;
    static final List<String> CATEGORIES = List.of("RAW", "STG");
    static final String QUERIED = "RAW";
    static final String TABLE_NAME = "switchyard-bench-jobs";

    /** Who loaded the table, and when: before every status write of the benchmark. */
    static final Stamp LOADER = new Stamp("bench-import", Instant.parse("2026-11-01T06:00:00Z"));
    /** The first status write's time; each write is one second later than the one before on its thread. */
    static final Instant FIRST_EVENT = Instant.parse("2026-11-02T00:00:00Z");

    static final String[] RUN_CONDITIONS = {
        "WEEKDAYS", "DAILY", "MON-FRI", "DAY_1", "LAST_DAY", "MONDAY,THURSDAY", "cron(0 6 ? * MON-FRI *)"
    };
    static final String[] OWNERS = {"data-platform", "finance-etl", "marketing-analytics", "risk-reporting"};

    static final Path LAST_RUN_TIMESTAMP = Path.of(ControlTableItem.LAST_RUN_TIMESTAMP);

    @Param({"memory", "sqlite", "dynalite"})
    public String store;

    ItemTable table;
    List<String> jobNames;
    private SqliteStore sqlite;
    private java.nio.file.Path sqliteDir;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        List<Map<String, Attr>> rows = rows();
        jobNames = rows.stream()
                .map(r -> ((Attr.S) r.get(ControlTableItem.JOB_NAME)).value())
                .toList();
        InMemoryItemTable imported = new InMemoryItemTable(ControlTable.SCHEMA);
        new ControlTable(imported).importAll(ControlTable.loaded("benchmark rows", rows), LOADER, n -> {});
        List<Map<String, Attr>> items = new ControlTable(imported).all();
        table = switch (store) {
            case "memory" -> imported;
            case "sqlite" -> {
                sqliteDir = Files.createTempDirectory("switchyard-bench-");
                sqlite = SqliteStore.open(sqliteDir.resolve("switchyard.db"), Clock.systemUTC());
                ItemTable t = sqlite.table(ControlTable.SCHEMA);
                t.atomically(() -> {
                    items.forEach(item -> create(t, item));
                    return null;
                });
                yield t;
            }
            case "dynalite" -> {
                DynamoTables.create(Dynalite.client(), ControlTable.SCHEMA, TABLE_NAME);
                ItemTable t = new DynamoItemTable(Dynalite.client(), ControlTable.SCHEMA, TABLE_NAME);
                copyConcurrently(t, items, 8);
                yield t;
            }
            default -> throw new IllegalArgumentException("unknown store " + store);
        };
        checkCategories();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        if (sqlite != null) {
            sqlite.close();
            try (Stream<java.nio.file.Path> files = Files.walk(sqliteDir)) {
                for (java.nio.file.Path file :
                        files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    /** Per thread: the jobs it writes (its share of all, interleaved), and its event clock. */
    @State(Scope.Thread)
    public static class Writer {
        String[] jobs;
        int next;
        long events;
        int superseded;

        @Setup(Level.Trial)
        public void setUp(StoreBenchmark benchmark, ThreadParams thread) {
            List<String> mine = new ArrayList<>();
            for (int i = thread.getThreadIndex(); i < benchmark.jobNames.size(); i += thread.getThreadCount()) {
                mine.add(benchmark.jobNames.get(i));
            }
            jobs = mine.toArray(String[]::new);
        }

        @TearDown(Level.Trial)
        public void check() {
            if (superseded > 0) {
                throw new IllegalStateException(superseded + " of " + events + " status writes did not apply");
            }
        }
    }

    /** Reads the 10,000 jobs of one category; time per read. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public List<Map<String, Attr>> categoryQuery() {
        return new ControlTable(table).category(QUERIED);
    }

    /** One guarded status write from one thread; writes per second. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public ControlTable.StatusOutcome statusWrite(Writer writer) {
        return writeStatus(writer);
    }

    /** One guarded status write from each of 4 threads; writes per second, all threads together. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Threads(4)
    public ControlTable.StatusOutcome statusWrite4Threads(Writer writer) {
        return writeStatus(writer);
    }

    private ControlTable.StatusOutcome writeStatus(Writer writer) {
        String job = writer.jobs[writer.next];
        // Each pass over the thread's jobs alternates the status, as a run's events would.
        long pass = writer.events / writer.jobs.length;
        writer.next = writer.next + 1 == writer.jobs.length ? 0 : writer.next + 1;
        Instant at = FIRST_EVENT.plusSeconds(writer.events++);
        Attr.S timestamp = new Attr.S(Timestamps.format(at));
        ControlTable.StatusOutcome outcome = new ControlTable(table)
                .writeStatus(
                        job,
                        Map.of(
                                ControlTableItem.STATUS_FLAG,
                                new Attr.S(pass % 2 == 0 ? "RUNNING" : "SUCCEEDED"),
                                ControlTableItem.LAST_RUN_TIMESTAMP,
                                timestamp),
                        // An event older than the status the job holds must not overwrite it.
                        Condition.or(
                                Condition.notExists(ControlTableItem.LAST_RUN_TIMESTAMP),
                                Condition.compare(LAST_RUN_TIMESTAMP, Condition.Op.LE, timestamp)),
                        new Stamp("reactor", at))
                .outcome();
        if (outcome != ControlTable.StatusOutcome.APPLIED) {
            writer.superseded++;
        }
        return outcome;
    }

    /** The operator's rows of the 20,000 jobs, with the status of a run before the benchmark. */
    static List<Map<String, Attr>> rows() {
        List<Map<String, Attr>> rows = new ArrayList<>(CATEGORIES.size() * JOBS_PER_CATEGORY);
        for (String category : CATEGORIES) {
            for (int i = 0; i < JOBS_PER_CATEGORY; i++) {
                Map<String, Attr> row = new LinkedHashMap<>();
                row.put(ControlTableItem.JOB_NAME, s(String.format("%s_job_%05d", category.toLowerCase(), i)));
                row.put(ControlTableItem.ENVIRONMENT, s("prod"));
                row.put(ControlTableItem.JOB_CATEGORY, s(category));
                row.put(ControlTableItem.RUN_CONDITION, s(RUN_CONDITIONS[i % RUN_CONDITIONS.length]));
                row.put(ControlTableItem.SKIP_FLAG, s("NO"));
                row.put(ControlTableItem.STATUS_FLAG, s("SUCCEEDED"));
                row.put(
                        ControlTableItem.LAST_RUN_TIMESTAMP,
                        s("2026-10-31T06:" + two(i / 60 % 60) + ":" + two(i % 60) + "Z"));
                row.put("Owner", s(OWNERS[i % OWNERS.length]));
                rows.add(row);
            }
        }
        return rows;
    }

    /** Creates an item as the import would (it is one the import wrote), failing if it exists. */
    private static void create(ItemTable table, Map<String, Attr> item) {
        if (!table.put(item, Condition.notExists(ControlTableItem.JOB_NAME)).applied()) {
            throw new IllegalStateException("item exists already: " + item.get(ControlTableItem.JOB_NAME));
        }
    }

    private static void copyConcurrently(ItemTable table, List<Map<String, Attr>> items, int threads) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < items.size(); i = next.getAndIncrement()) {
                        create(table, items.get(i));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Fails the trial unless each category reads back whole, in JobName order, with the loaded columns. */
    private void checkCategories() {
        for (String category : CATEGORIES) {
            List<Map<String, Attr>> items = new ControlTable(table).category(category);
            if (items.size() != JOBS_PER_CATEGORY) {
                throw new IllegalStateException(store + ": category " + category + " read " + items.size()
                        + " jobs, expected " + JOBS_PER_CATEGORY);
            }
            String first = category.toLowerCase() + "_job_00000";
            Map<String, Attr> item = items.getFirst();
            if (!s(first).equals(item.get(ControlTableItem.JOB_NAME))
                    || !s(category).equals(item.get(ControlTableItem.JOB_CATEGORY))
                    || !s("bench-import").equals(item.get("UpdatedBy"))
                    || item.get("Version") == null
                    || !s(OWNERS[0]).equals(item.get("Owner"))) {
                throw new IllegalStateException(store + ": unexpected first item of " + category + ": " + item);
            }
        }
    }

    private static Attr.S s(String value) {
        return new Attr.S(value);
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }
}
