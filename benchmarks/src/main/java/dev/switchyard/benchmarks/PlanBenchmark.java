package dev.switchyard.benchmarks;

import dev.switchyard.contracts.schedule.RunConditionException;
import dev.switchyard.contracts.schedule.RunConditionParser;
import dev.switchyard.contracts.table.ControlTableItem;
import dev.switchyard.reactor.plan.Plan;
import dev.switchyard.reactor.plan.Planner;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Plan decisions per second of {@link Planner} on a 100,000-row control table with mixed conditions, and
 * the cost of {@link RunConditionParser#parse} alone for comparison; every score is operations per second
 * where one operation is one decision (plan benchmarks) or one parsed condition (parse benchmarks).
 *
 * <ul>
 *   <li>{@code planOneCategory}: all 100,000 rows are in {@code RAW}; 100,000 decisions per plan.
 *   <li>{@code planOneOfTenCategories}: the 100,000 rows are dealt round-robin over 10 categories and
 *       {@code RAW} is planned, so the planner scans 100,000 rows but decides 10,000; the score counts the
 *       10,000 decided rows.
 *   <li>{@code parseValidConditions}: parses each of the {@value #VALID_TEXT_COUNT} distinct valid texts.
 *   <li>{@code parseInvalidConditions}: parses each of the {@value #INVALID_TEXT_COUNT} distinct invalid
 *       texts (each throws {@link RunConditionException}, which the planner caches as the error).
 * </ul>
 *
 * <p>The run date cycles through the 366 days of 2024, one per plan call, so every condition both matches
 * and misses over a run. Each row holds its own copies of its strings, as rows read from DynamoDB do, so
 * category and condition comparisons are not short-cut by identity.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PlanBenchmark {
    static final int ROWS = 100_000;
    static final int CATEGORIES = 10;
    static final String PLANNED = "RAW";
    static final long SEED = 20_241_130L;

    static final int VALID_TEXT_COUNT = 48;
    static final int INVALID_TEXT_COUNT = 4;

    /** Share of rows whose RunCondition is one of {@link #INVALID_TEXTS}. */
    static final double INVALID_CONDITION_SHARE = 0.01;
    /** Share of rows whose SkipFlag says yes (YES, Y or true). */
    static final double SKIPPED_SHARE = 0.03;
    /** Share of rows whose SkipFlag is "MAYBE", which is invalid. */
    static final double INVALID_SKIP_FLAG_SHARE = 0.005;

    /**
     * The valid RunConditions, each with a weight out of which rows draw them: common schedules (DAILY,
     * WEEKDAYS) dominate, and every grammar term of SPEC §2 appears at least once, in varied case and
     * spacing as operators write them.
     */
    static final Weighted[] VALID_TEXTS = {
        new Weighted("DAILY", 200),
        new Weighted("ALL_DAYS", 20),
        new Weighted("WEEKDAYS", 120),
        new Weighted("MON-FRI", 80),
        new Weighted("mon-fri", 10),
        new Weighted("WEEKENDS", 20),
        new Weighted("MONDAY", 40),
        new Weighted("TUESDAY", 10),
        new Weighted("WEDNESDAY", 10),
        new Weighted("THURSDAY", 10),
        new Weighted("FRIDAY", 30),
        new Weighted("SATURDAY", 10),
        new Weighted("SUNDAY", 10),
        new Weighted("MON", 10),
        new Weighted("MONDAY,TUESDAY", 10),
        new Weighted("Monday, Wednesday", 20),
        new Weighted("TUE,THU", 10),
        new Weighted("FRI-MON", 10),
        new Weighted("DAY_1", 40),
        new Weighted("DAY_15", 10),
        new Weighted("DAY_1,DAY_15", 20),
        new Weighted("DAY_31", 5),
        new Weighted("DAY_10,DAY_20,LAST_DAY", 5),
        new Weighted("LAST_DAY", 30),
        new Weighted("FIRST_WEEKDAY", 20),
        new Weighted("LAST_WEEKDAY", 20),
        new Weighted("LAST_DAY,FIRST_WEEKDAY", 5),
        new Weighted("MON#2", 10),
        new Weighted("FRI#1", 5),
        new Weighted("LAST_FRI", 10),
        new Weighted("LAST_SUN", 5),
        new Weighted("2024-12-24", 5),
        new Weighted("2024-06-28,2024-12-31", 5),
        new Weighted("WEEKDAYS,!DAY_1", 20),
        new Weighted("MON-FRI,!LAST_DAY", 10),
        new Weighted(" weekdays , !last_weekday ", 5),
        new Weighted("DAILY,!SUN", 10),
        new Weighted("!WEEKENDS", 10),
        new Weighted("!2024-01-01,!2024-12-25", 10),
        new Weighted("WEEKDAYS,!2024-12-25,!2024-12-26", 10),
        new Weighted("cron(0 0 ? * MON-FRI *)", 40),
        new Weighted("cron(0 6 1,15 * ? *)", 20),
        new Weighted("cron(0 0 L * ? *)", 10),
        new Weighted("cron(0 12 ? * 2#1 *)", 5),
        new Weighted("cron(0 0 ? * 6L *)", 5),
        new Weighted("cron(30 2 LW * ? *)", 5),
        new Weighted("cron(0 0 1 1/3 ? *)", 5),
        new Weighted("cron(0 0 ? * SAT,SUN 2024-2026),DAY_1", 5),
    };

    /** Invalid RunConditions: an unknown word, a day out of range, an empty term and a short cron. */
    static final String[] INVALID_TEXTS = {"MONDY", "DAY_32", "MON,,TUE", "cron(0 0 ? * MON-FRI)"};

    static final String[] DO_RUN_FLAGS = {"NO", "No", "N", "false", null};
    static final String[] SKIP_FLAGS = {"YES", "Y", "true"};
    static final String INVALID_SKIP_FLAG = "MAYBE";

    /** A RunCondition and how often it is drawn relative to the others. */
    record Weighted(String text, int weight) {}

    /** The 100,000-row table with every row in {@link #PLANNED}. */
    @State(Scope.Benchmark)
    public static class OneCategoryTable {
        List<ControlTableItem> table;

        @Setup(Level.Trial)
        public void build() {
            table = table(1);
            requireDecisions(table, ROWS);
        }
    }

    /** The 100,000-row table dealt round-robin over 10 categories, 10,000 rows in {@link #PLANNED}. */
    @State(Scope.Benchmark)
    public static class TenCategoryTable {
        List<ControlTableItem> table;

        @Setup(Level.Trial)
        public void build() {
            table = table(CATEGORIES);
            requireDecisions(table, ROWS / CATEGORIES);
        }
    }

    /** The run dates, one per plan call, cycling through the 366 days of 2024. */
    @State(Scope.Thread)
    public static class RunDates {
        LocalDate[] dates;
        int next;

        @Setup(Level.Trial)
        public void build() {
            LocalDate first = LocalDate.of(2024, 1, 1);
            dates = new LocalDate[first.lengthOfYear()];
            for (int i = 0; i < dates.length; i++) {
                dates[i] = first.plusDays(i);
            }
        }

        LocalDate next() {
            LocalDate date = dates[next];
            next = next + 1 == dates.length ? 0 : next + 1;
            return date;
        }
    }

    /** The distinct RunCondition texts, checked against the parser so a grammar change cannot skew them. */
    @State(Scope.Benchmark)
    public static class Texts {
        String[] valid;
        String[] invalid;

        @Setup(Level.Trial)
        public void build() {
            valid = new String[VALID_TEXTS.length];
            for (int i = 0; i < valid.length; i++) {
                valid[i] = VALID_TEXTS[i].text();
            }
            invalid = INVALID_TEXTS.clone();
            if (valid.length != VALID_TEXT_COUNT || invalid.length != INVALID_TEXT_COUNT) {
                throw new IllegalStateException("update VALID_TEXT_COUNT and INVALID_TEXT_COUNT");
            }
            for (String text : valid) {
                RunConditionParser.parse(text); // throws if the text is not valid
            }
            for (String text : invalid) {
                try {
                    RunConditionParser.parse(text);
                    throw new IllegalStateException("expected '" + text + "' to be invalid");
                } catch (RunConditionException expected) {
                    // as intended
                }
            }
        }
    }

    private final Planner planner = new Planner();

    /** Plans a 100,000-row single-category table; one operation is one decision. */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public Plan planOneCategory(OneCategoryTable table, RunDates dates) {
        return planner.plan(PLANNED, dates.next(), null, table.table);
    }

    /** Plans one of 10 categories of a 100,000-row table; one operation is one of its 10,000 decisions. */
    @Benchmark
    @OperationsPerInvocation(ROWS / CATEGORIES)
    public Plan planOneOfTenCategories(TenCategoryTable table, RunDates dates) {
        return planner.plan(PLANNED, dates.next(), null, table.table);
    }

    /** Parses each distinct valid RunCondition once; one operation is one parse. */
    @Benchmark
    @OperationsPerInvocation(VALID_TEXT_COUNT)
    public void parseValidConditions(Texts texts, Blackhole blackhole) {
        for (String text : texts.valid) {
            blackhole.consume(RunConditionParser.parse(text));
        }
    }

    /** Parses each distinct invalid RunCondition once, catching its error; one operation is one parse. */
    @Benchmark
    @OperationsPerInvocation(INVALID_TEXT_COUNT)
    public void parseInvalidConditions(Texts texts, Blackhole blackhole) {
        for (String text : texts.invalid) {
            try {
                blackhole.consume(RunConditionParser.parse(text));
            } catch (RunConditionException e) {
                blackhole.consume(e);
            }
        }
    }

    /** Builds the table with a fixed seed, so every run plans the same rows. */
    static List<ControlTableItem> table(int categories) {
        Random random = new Random(SEED);
        int totalWeight = 0;
        for (Weighted weighted : VALID_TEXTS) {
            totalWeight += weighted.weight();
        }
        List<ControlTableItem> table = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            String category = i % categories == 0 ? new String(PLANNED) : "CAT_" + i % categories;
            String skipFlag = skipFlag(random);
            table.add(ControlTableItem.of(
                    String.format("job_%06d", i),
                    category,
                    new String(runCondition(random, totalWeight)),
                    skipFlag == null ? null : new String(skipFlag)));
        }
        return List.copyOf(table);
    }

    private static String runCondition(Random random, int totalWeight) {
        if (random.nextDouble() < INVALID_CONDITION_SHARE) {
            return INVALID_TEXTS[random.nextInt(INVALID_TEXTS.length)];
        }
        int pick = random.nextInt(totalWeight);
        for (Weighted weighted : VALID_TEXTS) {
            pick -= weighted.weight();
            if (pick < 0) {
                return weighted.text();
            }
        }
        throw new AssertionError("weights do not add up");
    }

    private static String skipFlag(Random random) {
        double draw = random.nextDouble();
        if (draw < INVALID_SKIP_FLAG_SHARE) {
            return INVALID_SKIP_FLAG;
        }
        if (draw < INVALID_SKIP_FLAG_SHARE + SKIPPED_SHARE) {
            return SKIP_FLAGS[random.nextInt(SKIP_FLAGS.length)];
        }
        return DO_RUN_FLAGS[random.nextInt(DO_RUN_FLAGS.length)];
    }

    /** Fails the trial unless planning {@link #PLANNED} decides exactly {@code expected} rows. */
    private static void requireDecisions(List<ControlTableItem> table, int expected) {
        int decided = new Planner()
                .plan(PLANNED, LocalDate.of(2024, 1, 1), null, table)
                .decisions()
                .size();
        if (decided != expected) {
            throw new IllegalStateException("expected " + expected + " decisions, planned " + decided);
        }
    }
}
