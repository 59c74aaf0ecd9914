package dev.switchyard.reactor.anomaly;

import dev.switchyard.contracts.domain.DomainEvent.JobRunAnomaly;
import dev.switchyard.contracts.domain.DomainEvent.JobRunAnomaly.Kind;
import dev.switchyard.contracts.metric.JobRunMetric;
import dev.switchyard.contracts.table.JobRunState;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Finds job runs whose duration is far outside what is usual for their job (SPEC §4's anomaly detection): each
 * run is judged against a {@link Baseline} of the job's successful runs that started before it, so a history
 * read at once gives the alerts a stream of metrics would have given one by one.
 *
 * <p>A run is anomalous when its modified z-score passes the threshold and it also clears both floors (see
 * {@link AnomalyConfig}); with {@code seasonal}, it must be anomalous against the job's recent runs on the same
 * weekday as well, when there are enough of them, and the event reports whichever baseline it is nearer to.
 * Pure: no I/O, no clock; the time of the decision is an argument.
 */
public final class AnomalyDetector {
    /**
     * How many same-weekday runs a seasonal baseline holds: two months of a daily job's Mondays, recent enough
     * to follow a job that grows.
     */
    static final int SEASONAL_WINDOW = 8;

    // Runs that started at the same instant are listed by job, then run.
    private static final Comparator<JobRunAnomaly> BY_JOB_AND_RUN =
            Comparator.comparing(JobRunAnomaly::jobName).thenComparing(JobRunAnomaly::jobRunId);

    private final AnomalyConfig config;

    public AnomalyDetector(AnomalyConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public AnomalyConfig config() {
        return config;
    }

    /** Judges every finished run of these metrics (any order, any duplicates). */
    public Findings judge(Collection<JobRunMetric> metrics, Instant at) {
        return judge(Durations.of(metrics), at);
    }

    /**
     * Judges every finished run against the runs of its job before it: successful runs for SLOW and FAST, and,
     * with {@code judgeUnsuccessful}, runs that did not succeed for SLOW.
     *
     * @param at the {@code At} of the anomalies: when the decision is made
     */
    public Findings judge(Durations durations, Instant at) {
        Objects.requireNonNull(at, "at");
        List<Found> found = new ArrayList<>();
        int judged = 0;
        int tooFew = 0;
        for (List<Durations.Run> runs : durations.byJob().values()) {
            Window recent = new Window(config.window());
            Map<DayOfWeek, Window> sameDay = new EnumMap<>(DayOfWeek.class);
            for (Durations.Run run : runs) {
                if (judgeable(run)) {
                    if (recent.size() < config.minRuns()) {
                        tooFew++;
                    } else {
                        judged++;
                        Window day = sameDay.get(run.weekday());
                        boolean slowOnly = run.metric().state() != JobRunState.SUCCEEDED;
                        Verdict verdict = verdict(run.seconds(), recent.baseline(), seasonal(day), slowOnly);
                        if (verdict != null) {
                            found.add(new Found(run.order(), anomaly(run, verdict, at)));
                        }
                    }
                }
                if (run.usual()) {
                    recent.add(run.seconds());
                    sameDay.computeIfAbsent(run.weekday(), d -> new Window(SEASONAL_WINDOW))
                            .add(run.seconds());
                }
            }
        }
        return new Findings(ordered(found), judged, tooFew);
    }

    /**
     * Checks runs that have not ended for being stuck: running far longer, at {@code now}, than the job's
     * successful runs that started before them usually take. A run the metrics show has ended is not checked.
     */
    public Findings stuck(Durations durations, Collection<RunningJob> running, Instant now) {
        Objects.requireNonNull(now, "now");
        List<Found> found = new ArrayList<>();
        int judged = 0;
        int tooFew = 0;
        for (RunningJob job : running) {
            if (durations.hasRun(job.jobName(), job.jobRunId())) {
                continue;
            }
            DayOfWeek weekday = Durations.weekday(job.runDate(), job.startedOn());
            Window recent = new Window(config.window());
            Window day = new Window(SEASONAL_WINDOW);
            List<Durations.Run> runs = durations.runs(job.jobName());
            for (int i = runs.size() - 1; i >= 0 && !(recent.full() && day.full()); i--) {
                Durations.Run run = runs.get(i);
                if (run.order().isBefore(job.startedOn()) && run.usual()) {
                    if (!recent.full()) {
                        recent.addOlder(run.seconds());
                    }
                    if (run.weekday() == weekday && !day.full()) {
                        day.addOlder(run.seconds());
                    }
                }
            }
            if (recent.size() < config.minRuns()) {
                tooFew++;
                continue;
            }
            judged++;
            long elapsed = Math.max(0, Duration.between(job.startedOn(), now).toSeconds());
            Verdict verdict = verdict(elapsed, recent.baseline(), seasonal(day), true);
            if (verdict != null) {
                Baseline b = verdict.baseline();
                found.add(new Found(
                        job.startedOn(),
                        new JobRunAnomaly(
                                job.jobName(),
                                job.category(),
                                job.runDate(),
                                job.environment(),
                                job.jobRunId(),
                                null,
                                Kind.STUCK,
                                elapsed,
                                b.medianSeconds(),
                                b.madSeconds(),
                                b.runs(),
                                verdict.score(),
                                now)));
            }
        }
        return new Findings(ordered(found), judged, tooFew);
    }

    private boolean judgeable(Durations.Run run) {
        if (!run.started() || run.seconds() == null) {
            return false;
        }
        return run.metric().state() == JobRunState.SUCCEEDED || config.judgeUnsuccessful();
    }

    private Baseline seasonal(Window day) {
        return config.seasonal() && day != null && day.size() >= AnomalyConfig.MIN_SEASONAL_RUNS
                ? day.baseline()
                : null;
    }

    /** How a run stands against its baselines: the kind and the baseline it is judged nearest to. */
    private record Verdict(Kind kind, Baseline baseline, double score) {}

    /**
     * The verdict on a duration, or null when it is usual.
     *
     * @param sameDay the seasonal baseline, or null when there is none to consult
     */
    private Verdict verdict(long seconds, Baseline recent, Baseline sameDay, boolean slowOnly) {
        double score = recent.score(seconds);
        Kind kind = kind(seconds, recent, score);
        if (kind == null || (slowOnly && kind == Kind.FAST)) {
            return null;
        }
        if (sameDay == null) {
            return new Verdict(kind, recent, score);
        }
        double dayScore = sameDay.score(seconds);
        if (kind(seconds, sameDay, dayScore) != kind) {
            return null;
        }
        return Math.abs(dayScore) < Math.abs(score)
                ? new Verdict(kind, sameDay, dayScore)
                : new Verdict(kind, recent, score);
    }

    /** SLOW, FAST or null, by the threshold and both floors. */
    private Kind kind(long seconds, Baseline baseline, double score) {
        double median = baseline.medianSeconds();
        if (score > config.threshold()
                && seconds - median >= config.minDeviationSeconds()
                && seconds >= config.minRatio() * median) {
            return Kind.SLOW;
        }
        if (score < -config.threshold()
                && median - seconds >= config.minDeviationSeconds()
                && seconds * config.minRatio() <= median) {
            return Kind.FAST;
        }
        return null;
    }

    private static JobRunAnomaly anomaly(Durations.Run run, Verdict verdict, Instant at) {
        JobRunMetric m = run.metric();
        Baseline b = verdict.baseline();
        return new JobRunAnomaly(
                m.jobName(),
                m.jobCategory(),
                m.runDate(),
                m.environment(),
                m.jobRunId(),
                m.metricId(),
                verdict.kind(),
                run.seconds(),
                b.medianSeconds(),
                b.madSeconds(),
                b.runs(),
                verdict.score(),
                at);
    }

    private record Found(Instant order, JobRunAnomaly anomaly) {}

    private static List<JobRunAnomaly> ordered(List<Found> found) {
        return found.stream()
                .sorted(Comparator.comparing(Found::order).thenComparing(Found::anomaly, BY_JOB_AND_RUN))
                .map(Found::anomaly)
                .toList();
    }

    /** The latest durations of a job, at most {@code capacity} of them. */
    private final class Window {
        private final int capacity;
        private final Deque<Long> seconds = new ArrayDeque<>();

        Window(int capacity) {
            this.capacity = capacity;
        }

        /** Adds the latest duration, dropping the oldest when full. */
        void add(long value) {
            if (seconds.size() == capacity) {
                seconds.removeFirst();
            }
            seconds.addLast(value);
        }

        /** Adds a duration older than all held (for walking a history backwards). */
        void addOlder(long value) {
            seconds.addFirst(value);
        }

        boolean full() {
            return seconds.size() >= capacity;
        }

        int size() {
            return seconds.size();
        }

        Baseline baseline() {
            long[] values = seconds.stream().mapToLong(Long::longValue).toArray();
            return Baseline.of(values, config.scale());
        }
    }
}
