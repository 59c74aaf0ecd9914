package dev.switchyard.benchmarks;

import dev.switchyard.contracts.Json;
import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.contracts.category.CategoryDefinition;
import dev.switchyard.contracts.table.ControlTableItem;
import dev.switchyard.contracts.table.JobRunState;
import dev.switchyard.contracts.table.Timestamps;
import dev.switchyard.dashboard.Overview;
import dev.switchyard.dashboard.OverviewReader;
import dev.switchyard.reactor.react.Reactor;
import dev.switchyard.reactor.runs.CategoryRuns;
import dev.switchyard.reactor.runs.JobRun;
import dev.switchyard.reactor.runs.RunHistory;
import dev.switchyard.reactor.runs.RunOrder;
import dev.switchyard.reactor.store.Condition;
import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.table.Categories;
import dev.switchyard.reactor.table.ControlTable;
import dev.switchyard.reactor.table.Stamp;
import dev.switchyard.reactor.table.StateTable;
import dev.switchyard.sqlite.SqliteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;

/**
 * What one dashboard refresh costs on a large store: the time to read the overview of a date from a SQLite file,
 * the store requests it makes (each one DynamoDB request on AWS) and the read capacity they would consume, and
 * the size of the JSON each open page receives. The first read queries every job's runs; later reads query only
 * the jobs whose row changed.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.switchyard.benchmarks.DashboardRefresh [JOBS
 * [CATEGORIES [RUNS_PER_JOB]]]} (defaults 5,000, 20 and 30).
 */
public final class DashboardRefresh {
    private static final LocalDate D = LocalDate.of(2026, 11, 30);
    private static final Instant T0 = Instant.parse("2026-11-30T06:00:00Z");

    private DashboardRefresh() {}

    public static void main(String[] args) throws Exception {
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int categories = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int runsPerJob = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        Path dir = Files.createTempDirectory("dashboard-refresh");
        Path file = dir.resolve("store.db");
        try (SqliteStore store = SqliteStore.open(file, Clock.systemUTC())) {
            long built = System.nanoTime();
            build(store.table(ControlTable.SCHEMA), store.table(StateTable.SCHEMA), jobs, categories, runsPerJob);
            System.out.printf(
                    Locale.ROOT,
                    "store                %,d jobs in %d categories, %,d runs each; built in %.1f s, %,d bytes%n",
                    jobs,
                    categories,
                    runsPerJob,
                    (System.nanoTime() - built) / 1e9,
                    Files.size(file));
            CountingItemTable control = new CountingItemTable(store.table(ControlTable.SCHEMA));
            CountingItemTable state = new CountingItemTable(store.table(StateTable.SCHEMA));
            OverviewReader reader = new OverviewReader("sqlite:bench", control, state, ZoneOffset.UTC, false);
            Instant now = T0.plus(Duration.ofHours(6));

            measure("first read (cold)", reader, control, state, now, 1);
            Overview unchanged = measure("read, nothing changed", reader, control, state, now, 20);
            ControlTable table = new ControlTable(store.table(ControlTable.SCHEMA));
            for (int i = 0; i < 10; i++) {
                table.writeStatus(
                        job(i * (jobs / 10)),
                        Map.of(ControlTableItem.STATUS_FLAG, new Attr.S("RUNNING")),
                        Condition.ALWAYS,
                        new Stamp("bench", now));
            }
            Overview overview = measure("read, 10 rows changed", reader, control, state, now, 1);
            byte[] json = Json.mapper().writeValueAsBytes(overview);
            byte[] changes = Json.mapper().writeValueAsBytes(overview.changesSince(unchanged));
            System.out.printf(
                    Locale.ROOT,
                    "overview JSON        %,d bytes, %,d gzipped (a page's first message)%n",
                    json.length,
                    gzipped(json));
            System.out.printf(
                    Locale.ROOT,
                    "changes JSON         %,d bytes, %,d gzipped (the message after 10 rows of one category changed: categories sent %d)%n",
                    changes.length,
                    gzipped(changes),
                    overview.changesSince(unchanged).categories().size());
            System.gc();
            Runtime runtime = Runtime.getRuntime();
            System.out.printf(
                    Locale.ROOT,
                    "heap after           %.1f MB used (the reader keeps each job's last %d runs)%n",
                    (runtime.totalMemory() - runtime.freeMemory()) / 1e6,
                    64);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    private static Overview measure(
            String label,
            OverviewReader reader,
            CountingItemTable control,
            CountingItemTable state,
            Instant now,
            int times) {
        long[] before = sum(control.counts(), state.counts());
        double units = control.readUnits() + state.readUnits();
        double[] millis = new double[times];
        Overview overview = null;
        for (int i = 0; i < times; i++) {
            long start = System.nanoTime();
            overview = reader.read(D, now);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        long[] after = sum(control.counts(), state.counts());
        Arrays.sort(millis);
        System.out.printf(
                Locale.ROOT,
                "%-20s %8.1f ms (median of %d), per read: %s, %.0f read units%n",
                label,
                millis[times / 2],
                times,
                requests(before, after, times),
                (control.readUnits() + state.readUnits() - units) / times);
        return overview;
    }

    private static int gzipped(byte[] bytes) throws java.io.IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.size();
    }

    private static long[] sum(long[] a, long[] b) {
        long[] total = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            total[i] = a[i] + b[i];
        }
        return total;
    }

    private static String requests(long[] before, long[] after, int times) {
        List<String> parts = new ArrayList<>();
        for (CountingItemTable.Op op : CountingItemTable.Op.values()) {
            long n = (after[op.ordinal()] - before[op.ordinal()]) / times;
            if (n > 0) {
                parts.add(String.format(Locale.ROOT, "%,d %s", n, op.name().toLowerCase(Locale.ROOT)));
            }
        }
        return parts.isEmpty() ? "no requests" : String.join(", ", parts);
    }

    private static String job(int i) {
        return String.format(Locale.ROOT, "job_%05d", i);
    }

    /** Categories in chains of five, jobs dealt over them, each job's past runs, and the date's category runs. */
    private static void build(ItemTable jobsTable, ItemTable stateTable, int jobs, int categories, int runsPerJob) {
        Stamp stamp = new Stamp("bench", T0.minus(Duration.ofDays(365)));
        Categories defined = new Categories(stateTable);
        for (int c = 0; c < categories; c++) {
            List<String> up = c % 5 == 0 ? List.of() : List.of("C" + (c - 1));
            defined.put(new CategoryDefinition("C" + c, up, 10, Map.of()), OptionalLong.empty(), stamp);
        }
        ControlTable control = new ControlTable(jobsTable);
        RunHistory history = new RunHistory(stateTable, Duration.ofDays(400));
        Random random = new Random(42);
        Map<String, List<String>> manifests = new HashMap<>();
        jobsTable.atomically(() -> {
            for (int i = 0; i < jobs; i++) {
                String category = "C" + (i % categories);
                control.put(ControlTableItem.of(job(i), category, "DAILY", "NO"), OptionalLong.empty(), stamp);
                manifests.computeIfAbsent(category, c -> new ArrayList<>()).add(job(i));
            }
            return null;
        });
        stateTable.atomically(() -> {
            for (int i = 0; i < jobs; i++) {
                long usual = 60 + random.nextInt(3_000);
                for (int day = runsPerJob; day >= 1; day--) {
                    Instant start = T0.minus(Duration.ofDays(day - 1L));
                    long seconds = Math.max(1, Math.round(usual * (0.8 + 0.4 * random.nextDouble())));
                    JobRunState state = random.nextInt(100) == 0 ? JobRunState.FAILED : JobRunState.SUCCEEDED;
                    String runId = "jr_" + job(i) + "_" + day;
                    Instant end = start.plusSeconds(seconds);
                    history.record(
                            new JobRun(
                                    job(i),
                                    runId,
                                    state,
                                    "C" + (i % categories),
                                    D.minusDays(day - 1L),
                                    start,
                                    end,
                                    seconds,
                                    0,
                                    null,
                                    null,
                                    null,
                                    null),
                            RunOrder.of(start, runId, state, end),
                            end);
                    if (day == 1) {
                        control.writeStatus(
                                job(i),
                                Map.of(
                                        ControlTableItem.STATUS_FLAG, new Attr.S(state.name()),
                                        ControlTableItem.LAST_RUN_TIMESTAMP, new Attr.S(Timestamps.format(end)),
                                        Reactor.LAST_RUN_ID, new Attr.S(runId),
                                        Reactor.LAST_RUN_STARTED_ON, new Attr.S(Timestamps.format(start))),
                                Condition.ALWAYS,
                                stamp);
                    }
                }
            }
            CategoryRuns runs = new CategoryRuns(stateTable, Duration.ofDays(400));
            manifests.forEach((category, names) -> {
                runs.open(category, D, null, names, T0);
                for (String name : names) {
                    runs.record(category, D, name, "jr_" + name + "_1", JobRunState.SUCCEEDED, T0.plusSeconds(60));
                }
            });
            return null;
        });
    }
}
