package dev.switchyard.benchmarks;

import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.contracts.domain.DomainEvent;
import dev.switchyard.contracts.event.GlueArguments;
import dev.switchyard.contracts.event.GlueJobEvent;
import dev.switchyard.contracts.event.InboundEvent;
import dev.switchyard.ingest.decode.EventDecoder;
import dev.switchyard.reactor.ports.GlueRun;
import dev.switchyard.reactor.ports.GlueRuns;
import dev.switchyard.reactor.react.Outcome;
import dev.switchyard.reactor.runs.Triggers;
import dev.switchyard.reactor.store.Expressions;
import dev.switchyard.reactor.store.InMemoryItemTable;
import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.store.Page;
import dev.switchyard.reactor.table.ControlTable;
import dev.switchyard.reactor.table.StateTable;
import dev.switchyard.sqlite.SqliteStore;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A harness that replays {@link ReactorDay} through the reactor with every store request counted, and
 * prints, per kind of event, how many reads ({@code GetItem}, {@code Query} and {@code Scan} pages) and
 * writes ({@code PutItem}, {@code UpdateItem}, {@code DeleteItem}) handling one event makes, with the
 * calls to Glue ({@code GetJobRun}) and to the orchestrator ({@code StartExecution}) beside them: once
 * with one reactor instance for the whole day (warm), once with a new instance for every event (cold).
 * Beside them, the capacity units the requests would consume on DynamoDB, as {@link CountingItemTable}
 * estimates them.
 *
 * <p>Run: {@code java -cp benchmarks.jar dev.switchyard.benchmarks.RequestCount [memory|sqlite]} (default
 * {@code memory}). The counts are taken at the {@code ItemTable} port, so they are the same on every store;
 * {@code sqlite} is there to show that.
 */
public final class RequestCount {
    private static final int OPS = CountingItemTable.Op.values().length;
    private static final int GLUE = OPS;
    private static final int STARTS = OPS + 1;
    /** Estimated read capacity units, doubled (eventually consistent reads cost half a unit). */
    private static final int RCU2 = OPS + 2;

    private static final int WCU = OPS + 3;
    private static final int COLUMNS = OPS + 4;

    private static final int LABEL = 78;

    private RequestCount() {}

    public static void main(String[] args) throws Exception {
        String store = args.length > 0 ? args[0] : "memory";
        ReactorDay day = ReactorDay.generate();
        PrintStream out = System.out;
        out.printf(
                Locale.ROOT,
                "A day of %,d jobs (RAW %,d, REF %,d, STG %,d <- RAW+REF, MART %,d <- STG): %,d lines of %,d bytes"
                        + " on average, %,d of them second deliveries; store %s%n",
                ReactorDay.JOBS,
                ReactorDay.RAW_JOBS,
                ReactorDay.REF_JOBS,
                ReactorDay.STG_JOBS,
                ReactorDay.MART_JOBS,
                ReactorDay.LINES,
                day.lines.stream().mapToInt(String::length).sum() / day.lines.size(),
                ReactorDay.DUPLICATES,
                store);
        EventDecoder decoder = new EventDecoder();
        List<java.time.Instant> times = day.lines.stream()
                .map(line ->
                        ReactorBenchmark.accepted(decoder.decode(line, "line")).time())
                .sorted()
                .toList();
        out.printf(Locale.ROOT, "Events from %s to %s%n", times.getFirst(), times.getLast());
        for (boolean cold : new boolean[] {false, true}) {
            out.println();
            out.println(
                    cold
                            ? "Cold: a new reactor instance for every event (nothing cached between events)"
                            : "Warm: one reactor instance handles the whole day");
            replay(day, store, cold, out);
        }
    }

    /** Per-event counts of one kind of event: sums, minima and maxima of each column. */
    private static final class Row {
        int events;
        final long[] sum = new long[COLUMNS];
        final long[] min = new long[COLUMNS];
        final long[] max = new long[COLUMNS];
        long readsMin = Long.MAX_VALUE;
        long readsMax;
        long writesMin = Long.MAX_VALUE;
        long writesMax;

        Row() {
            java.util.Arrays.fill(min, Long.MAX_VALUE);
        }

        void add(long[] delta) {
            events++;
            long reads = 0;
            long writes = 0;
            for (int i = 0; i < COLUMNS; i++) {
                sum[i] += delta[i];
                min[i] = Math.min(min[i], delta[i]);
                max[i] = Math.max(max[i], delta[i]);
                if (i < OPS) {
                    if (CountingItemTable.Op.values()[i].read()) {
                        reads += delta[i];
                    } else {
                        writes += delta[i];
                    }
                }
            }
            readsMin = Math.min(readsMin, reads);
            readsMax = Math.max(readsMax, reads);
            writesMin = Math.min(writesMin, writes);
            writesMax = Math.max(writesMax, writes);
        }
    }

    private static void replay(ReactorDay day, String store, boolean cold, PrintStream out) throws Exception {
        ItemTable controlStore;
        ItemTable stateStore;
        SqliteStore sqlite = null;
        java.nio.file.Path dir = null;
        if (store.equals("sqlite")) {
            dir = Files.createTempDirectory("switchyard-requests-");
            sqlite = SqliteStore.open(dir.resolve("switchyard.db"), Clock.systemUTC());
            controlStore = sqlite.table(ControlTable.SCHEMA);
            stateStore = sqlite.table(StateTable.SCHEMA);
        } else if (store.equals("memory")) {
            controlStore = new InMemoryItemTable(ControlTable.SCHEMA);
            stateStore = new InMemoryItemTable(StateTable.SCHEMA);
        } else {
            throw new IllegalArgumentException("store is memory or sqlite, not " + store);
        }
        try {
            InMemoryItemTable imported = new InMemoryItemTable(ControlTable.SCHEMA);
            new ControlTable(imported)
                    .importAll(ControlTable.loaded("benchmark rows", day.controlRows), DayRunner.LOADER, n -> {});
            DayRunner.load(controlStore, stateStore, new ControlTable(imported).all());

            CountingItemTable control = new CountingItemTable(controlStore);
            CountingItemTable state = new CountingItemTable(stateStore);
            CountingGlue glue = new CountingGlue(day.glue());
            List<DomainEvent> published = new ArrayList<>();
            DayRunner runner = new DayRunner(control, state, glue, published::add, cold);

            Map<String, Row> rows = new TreeMap<>();
            Row finals = new Row();
            Row opening = new Row();
            long[] before;
            for (String root : DayRunner.ROOTS) {
                before = snapshot(control, state, glue, runner);
                runner.openRoot(root, ReactorBenchmark.DAY_OPENS);
                opening.add(minus(snapshot(control, state, glue, runner), before));
            }

            EventDecoder decoder = new EventDecoder();
            for (int i = 0; i < day.lines.size(); i++) {
                InboundEvent event = ReactorBenchmark.accepted(decoder.decode(day.lines.get(i), "line " + (i + 1)));
                published.clear();
                before = snapshot(control, state, glue, runner);
                Outcome outcome = runner.handle(event);
                long[] delta = minus(snapshot(control, state, glue, runner), before);
                String kind = kind((GlueJobEvent) event, outcome, published, day);
                rows.computeIfAbsent(kind, k -> new Row()).add(delta);
                if (kind.startsWith("(b)") || kind.startsWith("(c")) {
                    finals.add(delta);
                }
                before = snapshot(control, state, glue, runner);
                int opened = runner.drain(event.time());
                if (opened > 0) {
                    opening.add(minus(snapshot(control, state, glue, runner), before));
                }
            }
            runner.verify(day.lines.size());
            print(out, rows, finals, opening, total(rows));
            if (!cold) {
                printChunks(out, stateStore);
            }
        } finally {
            if (sqlite != null) {
                sqlite.close();
                ReactorBenchmark.deleteTree(dir);
            }
        }
    }

    /** The manifest chunks as the day left them: how many jobs each holds and its size as DynamoDB counts it. */
    private static void printChunks(PrintStream out, ItemTable state) {
        List<String> chunks = new ArrayList<>();
        Map<String, Attr> after = null;
        do {
            Page page = state.scan(1_000, after);
            for (Map<String, Attr> item : page.items()) {
                if (item.get(StateTable.SK) instanceof Attr.S sk
                        && sk.value().startsWith("CHUNK#")
                        && item.get("Jobs") instanceof Attr.M jobs) {
                    chunks.add(String.format(
                            Locale.ROOT,
                            "%s %s: %d jobs, %.1f KB",
                            ((Attr.S) item.get(StateTable.PK)).value(),
                            sk.value(),
                            jobs.values().size(),
                            Expressions.size(item) / 1024.0));
                }
            }
            after = page.lastKey();
        } while (after != null);
        chunks.sort(null);
        out.println("Manifest chunks at the end of the day (each final event rewrites one of them):");
        chunks.forEach(c -> out.println("  " + c));
    }

    /** Which row of the table an event belongs in. */
    private static String kind(GlueJobEvent event, Outcome outcome, List<DomainEvent> published, ReactorDay day) {
        boolean last = event.state().isTerminal();
        switch (outcome.kind()) {
            case DUPLICATE -> {
                return "(d) duplicate delivery (" + (last ? "final" : "RUNNING") + ")";
            }
            case UNKNOWN_JOB -> {
                return "(e) job not in the table, " + (last ? "final" : "RUNNING");
            }
            case APPLIED, SUPERSEDED -> {}
            default -> throw new IllegalStateException("unexpected outcome " + outcome);
        }
        if (!last) {
            return "(a) RUNNING";
        }
        String category = day.glueRuns
                .get(event.jobName() + "/" + event.jobRunId())
                .arguments()
                .get(GlueArguments.CATEGORY);
        if (!outcome.triggered().isEmpty()) {
            return "(c) final that completes " + category + " and triggers "
                    + String.join(
                            ", ",
                            outcome.triggered().stream()
                                    .map(Triggers.Trigger::category)
                                    .toList());
        }
        boolean succeeded = published.stream().anyMatch(e -> e instanceof DomainEvent.CategoryRunSucceeded);
        if (succeeded) {
            return category.equals("MART")
                    ? "(c) final that completes MART (nothing downstream)"
                    : "(c) final that completes " + category + " (STG still waits for the other upstream)";
        }
        if (published.stream().anyMatch(e -> e instanceof DomainEvent.CategoryRunBlocked)) {
            return "(b) final " + event.state() + " that leaves its run BLOCKED (a failed job not re-run yet)";
        }
        return "(b) final " + event.state() + ", category run stays open";
    }

    private static Row total(Map<String, Row> rows) {
        Row total = new Row();
        for (Row row : rows.values()) {
            total.events += row.events;
            for (int i = 0; i < COLUMNS; i++) {
                total.sum[i] += row.sum[i];
            }
        }
        return total;
    }

    private static void print(PrintStream out, Map<String, Row> rows, Row finals, Row opening, Row day) {
        String header = "%-" + LABEL + "s %7s %13s %13s %5s %5s %5s %5s %6s %6s %9s %6s %7s %7s";
        out.println(String.format(
                Locale.ROOT,
                header,
                "event",
                "events",
                "reads",
                "writes",
                "get",
                "query",
                "scan",
                "put",
                "update",
                "delete",
                "GetJobRun",
                "starts",
                "RCU~",
                "WCU~"));
        rows.forEach((kind, row) -> out.println(line(kind, row)));
        out.println(line("mean over all final events of known jobs, first deliveries ((b) and (c))", finals));
        out.println(line("the whole day, per event", day));
        out.println(line("(not the reactor) opening a category run: plan + manifest, per run", opening));
    }

    private static String line(String label, Row row) {
        long reads = 0;
        long writes = 0;
        for (CountingItemTable.Op op : CountingItemTable.Op.values()) {
            if (op.read()) {
                reads += row.sum[op.ordinal()];
            } else {
                writes += row.sum[op.ordinal()];
            }
        }
        StringBuilder line = new StringBuilder(String.format(
                Locale.ROOT,
                "%-" + LABEL + "s %,7d %13s %13s",
                label,
                row.events,
                cell(reads, row.events, row.readsMin, row.readsMax),
                cell(writes, row.events, row.writesMin, row.writesMax)));
        int[] widths = {5, 5, 5, 5, 6, 6, 9, 6};
        for (int i = 0; i < RCU2; i++) {
            line.append(' ').append(String.format(Locale.ROOT, "%" + widths[i] + "s", mean(row.sum[i], row.events)));
        }
        line.append(String.format(
                Locale.ROOT, " %7s %7s", units(row.sum[RCU2] / 2.0, row.events), units(row.sum[WCU], row.events)));
        return line.toString();
    }

    /** The mean, with the range where events of the row differ. */
    private static String cell(long sum, int events, long min, long max) {
        String mean = mean(sum, events);
        return min == max || min == Long.MAX_VALUE ? mean : mean + " [" + min + "-" + max + "]";
    }

    private static String units(double sum, int events) {
        return events == 0 ? "-" : String.format(Locale.ROOT, "%.1f", sum / events);
    }

    private static String mean(long sum, int events) {
        if (events == 0) {
            return "-";
        }
        if (sum % events == 0) {
            return Long.toString(sum / events);
        }
        return String.format(Locale.ROOT, "%.3f", (double) sum / events);
    }

    private static long[] snapshot(
            CountingItemTable control, CountingItemTable state, CountingGlue glue, DayRunner runner) {
        long[] counts = new long[COLUMNS];
        long[] c = control.counts();
        long[] s = state.counts();
        for (int i = 0; i < OPS; i++) {
            counts[i] = c[i] + s[i];
        }
        counts[GLUE] = glue.calls;
        counts[STARTS] = runner.starts;
        counts[RCU2] = Math.round(2 * (control.readUnits() + state.readUnits()));
        counts[WCU] = control.writeUnits() + state.writeUnits();
        return counts;
    }

    private static long[] minus(long[] after, long[] before) {
        long[] delta = new long[after.length];
        for (int i = 0; i < after.length; i++) {
            delta[i] = after[i] - before[i];
        }
        return delta;
    }

    /** Glue with its calls counted. */
    private static final class CountingGlue implements GlueRuns {
        private final GlueRuns glue;
        long calls;

        CountingGlue(GlueRuns glue) {
            this.glue = glue;
        }

        @Override
        public Optional<GlueRun> jobRun(String jobName, String jobRunId) {
            calls++;
            return glue.jobRun(jobName, jobRunId);
        }

        @Override
        public List<GlueRun> jobRuns(String jobName, int max) {
            calls++;
            return glue.jobRuns(jobName, max);
        }
    }
}
