package dev.switchyard.benchmarks;

import dev.switchyard.contracts.domain.DomainEvent.JobRunAnomaly;
import dev.switchyard.contracts.domain.DomainEvent.JobRunAnomaly.Kind;
import dev.switchyard.reactor.anomaly.AnomalyConfig;
import dev.switchyard.reactor.anomaly.AnomalyDetector;
import dev.switchyard.reactor.anomaly.Durations;
import java.io.PrintStream;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How well anomaly detection finds the anomalies injected into {@link AnomalyHistory}: precision, recall and F1
 * per kind and overall, for the default thresholds and for a sweep of them. Run: {@code java -cp
 * benchmarks/target/benchmarks.jar dev.switchyard.benchmarks.AnomalyEvaluation [JOBS DAYS SEED]} (default 200
 * jobs, 90 days, seed 20261130).
 *
 * <p>A SLOW or FAST anomaly counts as found when the detector reports that run (by MetricId) with that kind; a
 * report of a run that was not injected, or of the wrong kind, is a false positive, so a natural outlier of a
 * noisy job counts against precision. STUCK is scored over the running-run snapshots.
 */
public final class AnomalyEvaluation {
    static final int JOBS = 200;
    static final int DAYS = 90;
    static final long SEED = 20261130L;
    static final Instant AT = Instant.parse("2026-09-01T00:00:00Z");

    private AnomalyEvaluation() {}

    /** True and false positives and false negatives of one kind. */
    public record Count(int truePositives, int falsePositives, int falseNegatives) {
        Count plus(Count o) {
            return new Count(
                    truePositives + o.truePositives,
                    falsePositives + o.falsePositives,
                    falseNegatives + o.falseNegatives);
        }

        public double precision() {
            int reported = truePositives + falsePositives;
            return reported == 0 ? 1 : (double) truePositives / reported;
        }

        public double recall() {
            int actual = truePositives + falseNegatives;
            return actual == 0 ? 1 : (double) truePositives / actual;
        }

        public double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }
    }

    /** The counts of each kind under one config. */
    public record Scores(AnomalyConfig config, Map<Kind, Count> byKind) {
        public Count overall() {
            return byKind.values().stream().reduce(new Count(0, 0, 0), Count::plus);
        }
    }

    /** Judges the history with a config and scores what it found against what was injected. */
    public static Scores evaluate(AnomalyHistory.History history, AnomalyConfig config) {
        AnomalyDetector detector = new AnomalyDetector(config);
        Durations durations = Durations.of(history.metrics());
        Map<Kind, int[]> counts = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            counts.put(kind, new int[3]);
        }
        java.util.Set<String> found = new java.util.HashSet<>();
        for (JobRunAnomaly a : detector.judge(durations, AT).anomalies()) {
            found.add(a.metricId());
            Kind truth = history.injected().get(a.metricId());
            if (truth == a.kind()) {
                counts.get(a.kind())[0]++;
            } else {
                counts.get(a.kind())[1]++;
                if (truth != null) {
                    counts.get(truth)[2]++;
                }
            }
        }
        history.injected().forEach((metricId, kind) -> {
            if (!found.contains(metricId)) {
                counts.get(kind)[2]++;
            }
        });
        int[] stuck = counts.get(Kind.STUCK);
        for (AnomalyHistory.Snapshot s : history.snapshots()) {
            boolean flagged = !detector.stuck(durations, List.of(s.job()), s.now())
                    .anomalies()
                    .isEmpty();
            if (flagged && s.stuck()) {
                stuck[0]++;
            } else if (flagged) {
                stuck[1]++;
            } else if (s.stuck()) {
                stuck[2]++;
            }
        }
        Map<Kind, Count> byKind = new EnumMap<>(Kind.class);
        counts.forEach((kind, c) -> byKind.put(kind, new Count(c[0], c[1], c[2])));
        return new Scores(config, byKind);
    }

    /** The configs compared: the default, its threshold swept, and the linear scale and non-seasonal variants. */
    public static List<AnomalyConfig> sweep() {
        AnomalyConfig d = AnomalyConfig.defaults();
        List<AnomalyConfig> configs = new java.util.ArrayList<>();
        for (double t : new double[] {2.5, 3, 3.5, 4, 5}) {
            configs.add(d.withThreshold(t));
        }
        for (double t : new double[] {2.5, 3, 3.5, 5}) {
            configs.add(d.withThreshold(t).withSeasonal(false));
        }
        for (double t : new double[] {2.5, 3, 3.5, 5}) {
            configs.add(d.withThreshold(t).withScale(AnomalyConfig.Scale.LINEAR));
        }
        configs.add(d.withFloors(0, 1));
        configs.add(d.withFloors(30, 1.5));
        configs.add(d.withFloors(60, 2));
        configs.add(d.withFloors(30, 3));
        configs.add(d.withRuns(30, 5));
        configs.add(d.withRuns(14, 10));
        configs.add(d.withRuns(60, 10));
        return configs;
    }

    public static void main(String[] args) {
        int jobs = args.length > 0 ? Integer.parseInt(args[0]) : JOBS;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : DAYS;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : SEED;
        AnomalyHistory.History history = AnomalyHistory.generate(jobs, days, seed);
        PrintStream out = System.out;
        Map<Kind, Long> injected = new EnumMap<>(Kind.class);
        history.injected().values().forEach(k -> injected.merge(k, 1L, Long::sum));
        long stuck = history.snapshots().stream()
                .filter(AnomalyHistory.Snapshot::stuck)
                .count();
        out.printf(
                Locale.ROOT,
                "%d jobs × %d days, seed %d: %,d metrics; injected %d SLOW, %d FAST; %d running snapshots, %d stuck%n%n",
                jobs,
                days,
                seed,
                history.metrics().size(),
                injected.getOrDefault(Kind.SLOW, 0L),
                injected.getOrDefault(Kind.FAST, 0L),
                history.snapshots().size(),
                stuck);
        Scores defaults = evaluate(history, AnomalyConfig.defaults());
        out.println("Default config: " + describe(AnomalyConfig.defaults()));
        out.printf(
                Locale.ROOT, "%-8s %5s %5s %5s %9s %7s %6s%n", "KIND", "TP", "FP", "FN", "PRECISION", "RECALL", "F1");
        for (Kind kind : Kind.values()) {
            print(out, kind.name(), defaults.byKind().get(kind));
        }
        print(out, "overall", defaults.overall());
        out.println();
        out.println("Sweep (precision / recall / F1):");
        out.printf(
                Locale.ROOT,
                "%-52s %-15s %-15s %-15s %-15s %s%n",
                "CONFIG",
                "SLOW",
                "FAST",
                "STUCK",
                "OVERALL",
                "FALSE ALARMS");
        for (AnomalyConfig config : sweep()) {
            Scores s = evaluate(history, config);
            out.printf(
                    Locale.ROOT,
                    "%-52s %-15s %-15s %-15s %-15s %12d%n",
                    describe(config),
                    prf(s.byKind().get(Kind.SLOW)),
                    prf(s.byKind().get(Kind.FAST)),
                    prf(s.byKind().get(Kind.STUCK)),
                    prf(s.overall()),
                    s.overall().falsePositives());
        }
    }

    static String describe(AnomalyConfig c) {
        return String.format(
                Locale.ROOT,
                "|z|>%s %s%s, N=%d min %d, floors %ds ×%s",
                trim(c.threshold()),
                c.scale().name().toLowerCase(Locale.ROOT),
                c.seasonal() ? " seasonal" : "",
                c.window(),
                c.minRuns(),
                c.minDeviationSeconds(),
                trim(c.minRatio()));
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static String prf(Count c) {
        return String.format(Locale.ROOT, "%.2f/%.2f/%.2f", c.precision(), c.recall(), c.f1());
    }

    private static void print(PrintStream out, String name, Count c) {
        out.printf(
                Locale.ROOT,
                "%-8s %5d %5d %5d %9.3f %7.3f %6.3f%n",
                name,
                c.truePositives(),
                c.falsePositives(),
                c.falseNegatives(),
                c.precision(),
                c.recall(),
                c.f1());
    }
}
