package dev.switchyard.benchmarks;

import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.contracts.category.CategoryDefinition;
import dev.switchyard.contracts.event.GlueArguments;
import dev.switchyard.contracts.table.ControlTableItem;
import dev.switchyard.contracts.table.JobRunState;
import dev.switchyard.reactor.ports.GlueRun;
import dev.switchyard.reactor.ports.GlueRuns;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/**
 * One business day of Glue events for 2,000 jobs, rendered as the EventBridge JSON lines AWS delivers, with
 * what {@code GetJobRun} says of each run; the same day for every benchmark and harness (a fixed seed).
 *
 * <p>Categories RAW (1,000 jobs) and REF (200) have no upstream; STG (600) depends on RAW and REF; MART
 * (200) on STG. Every job runs on the day (its RunCondition matches Monday 2026-11-30). Each run gives a
 * {@code Glue Job Run Status} RUNNING event (with {@code startedOn}) about a minute after it starts and a
 * {@code Glue Job State Change} when it ends. Every 25th job of a category fails once and is re-run, and
 * the re-run succeeds. RAW and REF start between 02:00 and 03:30; STG starts only after the last RAW or
 * REF run has ended (when the reactor triggers it), MART after the last STG run. Twenty ad-hoc runs of jobs
 * that are not in the control table, started without Switchyard's arguments, are mixed in. The lines are
 * in time order; one line in ten is delivered a second time, 1 to 40 lines after the first.
 */
final class ReactorDay {
    static final LocalDate RUN_DATE = LocalDate.of(2026, 11, 30);
    static final String ENVIRONMENT = "prod";
    static final long SEED = 20261130L;

    static final int RAW_JOBS = 1_000;
    static final int REF_JOBS = 200;
    static final int STG_JOBS = 600;
    static final int MART_JOBS = 200;
    static final int JOBS = RAW_JOBS + REF_JOBS + STG_JOBS + MART_JOBS;
    /** Every n-th job of a category fails once and is re-run. */
    static final int FAIL_EVERY = 25;
    /** Runs of jobs that are not in the control table. */
    static final int UNKNOWN_RUNS = 20;
    /** Every n-th line is delivered twice. */
    static final int DUPLICATE_EVERY = 10;

    static final int RUNS = JOBS + JOBS / FAIL_EVERY + UNKNOWN_RUNS;
    static final int ORIGINAL_LINES = 2 * RUNS;
    static final int DUPLICATES = ORIGINAL_LINES / DUPLICATE_EVERY;
    /** Lines delivered in the day: 4,620. A compile-time constant, for {@code @OperationsPerInvocation}. */
    static final int LINES = ORIGINAL_LINES + DUPLICATES;

    static final List<CategoryDefinition> CATEGORIES = List.of(
            CategoryDefinition.of("RAW", List.of(), 100),
            CategoryDefinition.of("REF", List.of(), 20),
            CategoryDefinition.of("STG", List.of("RAW", "REF"), 60),
            CategoryDefinition.of("MART", List.of("STG"), 20));

    /** Jobs per category, in the order the categories run. */
    static final Map<String, Integer> SIZES = sizes();

    /** RunConditions that all hold on Monday 2026-11-30, the last day (and last weekday) of its month. */
    private static final String[] RUN_CONDITIONS = {
        "DAILY", "WEEKDAYS", "MON-FRI", "MONDAY,THURSDAY", "LAST_DAY", "LAST_WEEKDAY", "cron(0 2 ? * MON-FRI *)"
    };

    private static final String[] OWNERS = {"sales-data", "web-data", "finance-etl", "stores"};
    private static final Instant DAY_START = Instant.parse("2026-11-30T02:00:00Z");
    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);

    /** The operator's rows of the control table. */
    final List<Map<String, Attr>> controlRows;
    /** What Glue knows of every run, by {@code jobName/jobRunId}. */
    final Map<String, GlueRun> glueRuns;
    /** The lines in delivery order. */
    final List<String> lines;
    /** Whether each line of {@link #lines} is a second delivery. */
    final boolean[] duplicate;

    private ReactorDay(
            List<Map<String, Attr>> controlRows,
            Map<String, GlueRun> glueRuns,
            List<String> lines,
            boolean[] duplicate) {
        this.controlRows = controlRows;
        this.glueRuns = glueRuns;
        this.lines = lines;
        this.duplicate = duplicate;
    }

    /** Glue, answering {@code GetJobRun} from the day's runs. */
    GlueRuns glue() {
        return new GlueRuns() {
            @Override
            public Optional<GlueRun> jobRun(String jobName, String jobRunId) {
                return Optional.ofNullable(glueRuns.get(jobName + "/" + jobRunId));
            }

            @Override
            public List<GlueRun> jobRuns(String jobName, int max) {
                return glueRuns.values().stream()
                        .filter(r -> r.jobName().equals(jobName))
                        .sorted(Comparator.comparing(GlueRun::startedOn).reversed())
                        .limit(max)
                        .toList();
            }
        };
    }

    static String jobName(String category, int i) {
        return "%s_job_%04d".formatted(category.toLowerCase(), i);
    }

    /** The day of {@link #SEED}. */
    static ReactorDay generate() {
        Random random = new Random(SEED);
        List<Map<String, Attr>> rows = new ArrayList<>(JOBS);
        Map<String, GlueRun> runs = new HashMap<>();
        List<Timed> events = new ArrayList<>(ORIGINAL_LINES);

        Instant rawRefDone = DAY_START;
        Instant stgDone = DAY_START;
        for (Map.Entry<String, Integer> category : SIZES.entrySet()) {
            String name = category.getKey();
            Instant phase = switch (name) {
                case "RAW", "REF" -> DAY_START;
                case "STG" -> rawRefDone.plusSeconds(45);
                default -> stgDone.plusSeconds(45);
            };
            Instant lastEnd = phase;
            for (int i = 0; i < category.getValue(); i++) {
                String job = jobName(name, i);
                rows.add(row(job, name, i));
                Instant start = phase.plusMillis(random.nextInt(90 * 60_000));
                if (i % FAIL_EVERY == FAIL_EVERY - 1) {
                    Instant failed = run(random, runs, events, job, name, start, minutes(random, 3, 15), false);
                    start = failed.plus(minutes(random, 5, 20));
                }
                Instant end = run(random, runs, events, job, name, start, minutes(random, 5, 40), true);
                lastEnd = end.isAfter(lastEnd) ? end : lastEnd;
            }
            switch (name) {
                case "RAW", "REF" -> rawRefDone = lastEnd.isAfter(rawRefDone) ? lastEnd : rawRefDone;
                case "STG" -> stgDone = lastEnd;
                default -> {}
            }
        }
        for (int i = 0; i < UNKNOWN_RUNS; i++) {
            Instant start = DAY_START.plusMillis(random.nextInt(240 * 60_000));
            run(random, runs, events, "adhoc_backfill_%02d".formatted(i), null, start, minutes(random, 2, 30), true);
        }
        if (events.size() != ORIGINAL_LINES) {
            throw new IllegalStateException("the day has " + events.size() + " events, not " + ORIGINAL_LINES);
        }
        events.sort(Comparator.comparing(Timed::time).thenComparing(Timed::id));

        // Deliveries: each line at its place; every tenth line again, 1 to 40 places later.
        record Delivery(double at, String line, boolean again) {}
        List<Delivery> deliveries = new ArrayList<>(LINES);
        for (int i = 0; i < events.size(); i++) {
            deliveries.add(new Delivery(i, events.get(i).line(), false));
            if (i % DUPLICATE_EVERY == 3) {
                deliveries.add(new Delivery(
                        i + 1 + random.nextInt(40) + 0.5, events.get(i).line(), true));
            }
        }
        deliveries.sort(Comparator.comparingDouble(Delivery::at));
        boolean[] again = new boolean[deliveries.size()];
        for (int i = 0; i < again.length; i++) {
            again[i] = deliveries.get(i).again();
        }
        if (deliveries.size() != LINES) {
            throw new IllegalStateException("the day delivers " + deliveries.size() + " lines, not " + LINES);
        }
        return new ReactorDay(
                List.copyOf(rows),
                Map.copyOf(runs),
                deliveries.stream().map(Delivery::line).toList(),
                again);
    }

    /** An event line and when it happened, for sorting. */
    private record Timed(Instant time, String id, String line) {}

    /** One Glue run of {@code job}: its record in Glue and its two events; returns its event end time. */
    private static Instant run(
            Random random,
            Map<String, GlueRun> runs,
            List<Timed> events,
            String job,
            String category,
            Instant start,
            Duration length,
            boolean succeeds) {
        String runId = "jr_" + HexFormat.of().formatHex(bytes(random, 32));
        Instant completed = start.plus(length);
        JobRunState end = succeeds ? JobRunState.SUCCEEDED : JobRunState.FAILED;
        String error =
                succeeds ? null : "An error occurred while calling o128.pyWriteDynamicFrame. Connection reset by peer";
        Map<String, String> arguments = new LinkedHashMap<>();
        arguments.put("--job-bookmark-option", "job-bookmark-enable");
        arguments.put("--enable-metrics", "true");
        if (category != null) {
            // What the orchestrator passes to every run it starts (SPEC §3); ad-hoc runs lack it.
            arguments.put(GlueArguments.CATEGORY, category);
            arguments.put(GlueArguments.RUN_DATE, RUN_DATE.toString());
            arguments.put(GlueArguments.ENVIRONMENT, ENVIRONMENT);
        }
        runs.put(
                job + "/" + runId,
                new GlueRun(
                        job,
                        runId,
                        end,
                        start,
                        completed,
                        Duration.between(start, completed).toSeconds(),
                        0,
                        10.0,
                        "G.1X",
                        10,
                        error,
                        arguments));
        Instant running = start.plusSeconds(60 + random.nextInt(15)).truncatedTo(ChronoUnit.SECONDS);
        Instant ended = completed.plusMillis(random.nextInt(1_500)).truncatedTo(ChronoUnit.SECONDS);
        String runningId = new UUID(random.nextLong(), random.nextLong()).toString();
        String endedId = new UUID(random.nextLong(), random.nextLong()).toString();
        events.add(new Timed(running, runningId, runningLine(runningId, running, job, runId, start)));
        events.add(new Timed(ended, endedId, endLine(endedId, ended, job, runId, succeeds)));
        return ended;
    }

    private static String runningLine(String id, Instant time, String job, String runId, Instant startedOn) {
        return envelope(id, "Glue Job Run Status", time)
                + "\"detail\":{\"jobName\":\"" + job + "\",\"severity\":\"INFO\",\"state\":\"RUNNING\",\"jobRunId\":\""
                + runId
                + "\",\"message\":\"Job is in RUNNING state\",\"notificationCondition\":{\"NotifyDelayAfter\":1.0},"
                + "\"startedOn\":\"" + MILLIS.format(startedOn) + "\"}}";
    }

    private static String endLine(String id, Instant time, String job, String runId, boolean succeeded) {
        String detail = succeeded
                ? "\"severity\":\"INFO\",\"state\":\"SUCCEEDED\",\"jobRunId\":\"" + runId
                        + "\",\"message\":\"Job run succeeded\""
                : "\"severity\":\"ERROR\",\"state\":\"FAILED\",\"jobRunId\":\"" + runId + "\",\"message\":\"JobName:"
                        + job + " and JobRunId:" + runId + " failed to execute with exception An error occurred while"
                        + " calling o128.pyWriteDynamicFrame. Connection reset by peer\"";
        return envelope(id, "Glue Job State Change", time) + "\"detail\":{\"jobName\":\"" + job + "\"," + detail + "}}";
    }

    private static String envelope(String id, String detailType, Instant time) {
        return "{\"version\":\"0\",\"id\":\"" + id + "\",\"detail-type\":\"" + detailType
                + "\",\"source\":\"aws.glue\",\"account\":\"123456789012\",\"time\":\"" + time
                + "\",\"region\":\"eu-west-1\",\"resources\":[],";
    }

    private static Map<String, Attr> row(String job, String category, int i) {
        Map<String, Attr> row = new LinkedHashMap<>();
        row.put(ControlTableItem.JOB_NAME, new Attr.S(job));
        row.put(ControlTableItem.ENVIRONMENT, new Attr.S(ENVIRONMENT));
        row.put(ControlTableItem.JOB_CATEGORY, new Attr.S(category));
        row.put(ControlTableItem.RUN_CONDITION, new Attr.S(RUN_CONDITIONS[i % RUN_CONDITIONS.length]));
        row.put(ControlTableItem.SKIP_FLAG, new Attr.S("NO"));
        row.put(ControlTableItem.STATUS_FLAG, new Attr.S("SUCCEEDED"));
        row.put(
                ControlTableItem.LAST_RUN_TIMESTAMP,
                new Attr.S("2026-11-27T03:%02d:%02dZ".formatted(i / 60 % 60, i % 60)));
        row.put("Owner", new Attr.S(OWNERS[i % OWNERS.length]));
        return row;
    }

    private static Duration minutes(Random random, int from, int to) {
        return Duration.ofMillis(from * 60_000L + random.nextInt((to - from) * 60_000));
    }

    private static byte[] bytes(Random random, int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    private static Map<String, Integer> sizes() {
        Map<String, Integer> sizes = new LinkedHashMap<>();
        sizes.put("RAW", RAW_JOBS);
        sizes.put("REF", REF_JOBS);
        sizes.put("STG", STG_JOBS);
        sizes.put("MART", MART_JOBS);
        return java.util.Collections.unmodifiableMap(sizes);
    }
}
