package dev.switchyard.benchmarks;

import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.contracts.event.InboundEvent;
import dev.switchyard.contracts.event.Received;
import dev.switchyard.ingest.decode.EventDecoder;
import dev.switchyard.reactor.ports.GlueRuns;
import dev.switchyard.reactor.ports.Sink;
import dev.switchyard.reactor.store.InMemoryItemTable;
import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.table.ControlTable;
import dev.switchyard.reactor.table.StateTable;
import dev.switchyard.sqlite.SqliteStore;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The reactor's throughput over a whole day of Glue events ({@link ReactorDay}: 2,000 jobs in RAW, REF,
 * STG and MART, 4,620 EventBridge JSON lines with one in ten delivered twice), in events per second.
 *
 * <ul>
 *   <li>{@code parseOnly}: {@link EventDecoder#decode} of every line, no reactor.
 *   <li>{@code reactWholeDay}: each line decoded and handled at its own time by one reactor on fresh stores,
 *       with a Glue that answers {@code GetJobRun} from memory; the executions the reactor starts (STG, then
 *       MART) open their category runs at once, planning the category from the control table, so the score
 *       includes chaining and those two openings.
 *   <li>{@code reactPreDecoded}: the same with the lines decoded beforehand: the reactor's share.
 * </ul>
 *
 * <p>Each invocation is one whole day on new stores ({@code store}: {@code memory}, {@link
 * InMemoryItemTable}; {@code sqlite}, {@link SqliteStore} in a new file of a temporary directory; {@code
 * sqlite-memory}, the same store on SQLite's in-memory database, which takes the disk's flushes out and
 * leaves SQL, the items' JSON and the change feed). Setting them up is not measured: per invocation, the
 * 2,000 jobs are put into the control table (SQLite: one transaction), the four category definitions into
 * the state table, and the RAW and REF runs opened. After each invocation, also unmeasured, the day is
 * checked: every category run succeeded, STG and MART were triggered once each, every first delivery of a
 * known job's event applied, and every other event was a duplicate or of a job not in the table.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
// The reactor's code path is long: C2 needs about three 3 s iterations to settle on it on 2 cores.
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 3)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ReactorBenchmark {
    static final Instant DAY_OPENS = Instant.parse("2026-11-30T02:00:00Z");

    ReactorDay day;
    String[] lines;
    InboundEvent[] decoded;
    List<Map<String, Attr>> controlItems;
    GlueRuns glue;
    final EventDecoder decoder = new EventDecoder();

    @Setup(Level.Trial)
    public void setUp() {
        day = ReactorDay.generate();
        lines = day.lines.toArray(String[]::new);
        decoded = new InboundEvent[lines.length];
        for (int i = 0; i < lines.length; i++) {
            decoded[i] = accepted(decoder.decode(lines[i], "line " + (i + 1)));
        }
        glue = day.glue();
        InMemoryItemTable imported = new InMemoryItemTable(ControlTable.SCHEMA);
        new ControlTable(imported)
                .importAll(ControlTable.loaded("benchmark rows", day.controlRows), DayRunner.LOADER, n -> {});
        controlItems = new ControlTable(imported).all();
    }

    /** Fresh stores for each invocation, loaded and with the day's root runs open; checked afterwards. */
    @State(Scope.Thread)
    public static class Stores {
        @Param({"memory", "sqlite", "sqlite-memory"})
        public String store;

        DayRunner runner;
        private SqliteStore sqlite;
        private java.nio.file.Path dir;

        @Setup(Level.Invocation)
        public void fresh(ReactorBenchmark benchmark) throws IOException {
            ItemTable control;
            ItemTable state;
            switch (store) {
                case "memory" -> {
                    control = new InMemoryItemTable(ControlTable.SCHEMA);
                    state = new InMemoryItemTable(StateTable.SCHEMA);
                }
                case "sqlite" -> {
                    dir = Files.createTempDirectory("switchyard-bench-");
                    sqlite = SqliteStore.open(dir.resolve("switchyard.db"), Clock.systemUTC());
                    control = sqlite.table(ControlTable.SCHEMA);
                    state = sqlite.table(StateTable.SCHEMA);
                }
                case "sqlite-memory" -> {
                    sqlite = SqliteStore.openInMemory(Clock.systemUTC());
                    control = sqlite.table(ControlTable.SCHEMA);
                    state = sqlite.table(StateTable.SCHEMA);
                }
                default -> throw new IllegalArgumentException("unknown store " + store);
            }
            DayRunner.load(control, state, benchmark.controlItems);
            runner = new DayRunner(control, state, benchmark.glue, Sink.discard(), false);
            runner.openRoots(DAY_OPENS);
        }

        @TearDown(Level.Invocation)
        public void checkAndClose() throws IOException {
            try {
                runner.verify(ReactorDay.LINES);
            } finally {
                if (sqlite != null) {
                    sqlite.close();
                    sqlite = null;
                }
                if (dir != null) {
                    deleteTree(dir);
                    dir = null;
                }
            }
        }
    }

    /** Decodes every line of the day; events per second. */
    @Benchmark
    @OperationsPerInvocation(ReactorDay.LINES)
    public void parseOnly(Blackhole blackhole) {
        String[] all = lines;
        for (int i = 0; i < all.length; i++) {
            blackhole.consume(decoder.decode(all[i], "line"));
        }
    }

    /** Decodes and handles every line of the day on fresh stores; events per second. */
    @Benchmark
    @OperationsPerInvocation(ReactorDay.LINES)
    public DayRunner reactWholeDay(Stores stores) {
        String[] all = lines;
        for (int i = 0; i < all.length; i++) {
            stores.runner.deliver(accepted(decoder.decode(all[i], "line")));
        }
        return stores.runner;
    }

    /** Handles every event of the day, decoded beforehand, on fresh stores; events per second. */
    @Benchmark
    @OperationsPerInvocation(ReactorDay.LINES)
    public DayRunner reactPreDecoded(Stores stores) {
        InboundEvent[] all = decoded;
        for (int i = 0; i < all.length; i++) {
            stores.runner.deliver(all[i]);
        }
        return stores.runner;
    }

    static InboundEvent accepted(Received received) {
        if (received instanceof Received.Accepted accepted) {
            return accepted.event();
        }
        throw new IllegalStateException("a line of the day was rejected: " + received);
    }

    static void deleteTree(java.nio.file.Path dir) throws IOException {
        List<java.nio.file.Path> files = new ArrayList<>();
        try (Stream<java.nio.file.Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(files::add);
        }
        for (java.nio.file.Path file : files) {
            Files.delete(file);
        }
    }
}
