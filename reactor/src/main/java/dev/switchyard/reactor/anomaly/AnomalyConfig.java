package dev.switchyard.reactor.anomaly;

import java.util.Objects;

/**
 * When a job run counts as anomalous: how far from its job's baseline, judged against how many earlier runs.
 * The defaults are argued with numbers by {@code benchmarks/AnomalyEvaluation}, on a synthetic history of 200
 * jobs over 90 days with injected anomalies (figures below: precision / recall over SLOW, FAST and STUCK).
 *
 * @param threshold the modified z-score (Iglewicz and Hoaglin, 1993) beyond which a run is anomalous. Their 3.5,
 *     the classic cut for outliers, scores 0.97 / 0.86 with 14 false alarms; 3 finds a few more (0.94 / 0.90) for
 *     twice the false alarms (32), 2.5 for nearly five times (67); 5 misses a third of the anomalies (0.99 / 0.69).
 *     Alerts that are mostly right are the ones people keep reading
 * @param window how many of the job's latest successful runs before the judged one form its baseline: 30 is a
 *     month of a daily job, enough for a median and MAD that a few odd runs do not move (both ignore up to half
 *     the runs being odd), short enough that a job growing with its data is judged against its recent self; 60
 *     scores a little better on the synthetic history (0.98 / 0.88), whose jobs change slowly, 14 worse (0.96 /
 *     0.86)
 * @param minRuns how many successful runs a baseline needs before a run is judged at all: a MAD of fewer than 10
 *     values is too unsteady to call anything an outlier (after 5 runs, precision falls to 0.89); a new job is
 *     judged from its eleventh run on
 * @param minDeviationSeconds an absolute floor: a run is anomalous only if it is at least this many seconds
 *     slower or faster than the median, so a short, very regular job (MAD near 0) does not alert on the jitter of
 *     Glue's start-up; 30 s, because a 30 s job taking 90 s or 3 s is still worth a look
 * @param minRatio a relative floor: a slow run takes at least {@code minRatio} times the median, a fast one at
 *     most the median divided by it. Twice (or half) is what an operator calls "far off" whatever the job's noise;
 *     it keeps the ordinary variation of a noisy job (±30–50%) out when its MAD happens to be small: without floors
 *     precision is 0.85, with ×1.5 0.92, with ×2 0.97, at almost no cost in recall (0.87, 0.86, 0.86)
 * @param scale the scale median, MAD and score are computed on: see {@link Scale}
 * @param judgeUnsuccessful whether runs that did not succeed (FAILED, TIMEOUT, STOPPED, ERROR, EXPIRED) are also
 *     judged, for slowness only. Off by default: such a run already raises its own alert (its category run is
 *     blocked), and its duration says when it failed, not how slow the job was. Runs that never started
 *     ({@code not-started-…}) are never judged, and only successful runs ever form a baseline
 * @param seasonal whether a run must also be anomalous against the job's latest runs on the same weekday (by
 *     RunDate, else start date), when there are at least {@link #MIN_SEASONAL_RUNS} of them: jobs that run twice
 *     as long on Mondays (the weekend's backlog) would otherwise alert every Monday. Without it precision falls
 *     from 0.97 to 0.83 on the synthetic history, a quarter of whose daily jobs are seasonal
 */
public record AnomalyConfig(
        double threshold,
        int window,
        int minRuns,
        long minDeviationSeconds,
        double minRatio,
        Scale scale,
        boolean judgeUnsuccessful,
        boolean seasonal) {

    /**
     * The same-weekday runs a seasonal baseline needs. Two are few for a MAD, but the seasonal baseline can only
     * silence an alert, never raise one, and waiting for four let every seasonal job alert on its first weekends
     * (precision 0.85 instead of 0.92 with the ×1.5 floor).
     */
    public static final int MIN_SEASONAL_RUNS = 2;

    /** The scale durations are compared on. */
    public enum Scale {
        /**
         * The natural log of the seconds (a run of 0 s counted as 1 s). Job durations are skewed, close to
         * log-normal: "twice as slow" and "half the time" are equally far from usual here, and a job that
         * usually varies by ±30% can still be seen to finish in 2 s instead of 40 min, which on the linear
         * scale is never more than median / (1.4826 · MAD) ≈ 3 from usual: linear finds under half the FAST
         * runs (recall 0.47). Linear finds more of the SLOW and STUCK runs of noisy jobs (0.96 and 0.98 against
         * 0.85 and 0.86) but raises nearly four times the false alarms doing so.
         */
        LOG,
        /** The seconds themselves: the textbook modified z-score. */
        LINEAR;

        double apply(double seconds) {
            return switch (this) {
                case LOG -> Math.log(Math.max(seconds, 1));
                case LINEAR -> seconds;
            };
        }

        /**
         * The least spread a baseline is given, so that a job whose runs all took the same time still has a
         * finite score: 1% either way. Too small to decide anything; the floors of the config do that.
         */
        double minSpread(double center) {
            return switch (this) {
                case LOG -> 0.01;
                case LINEAR -> Math.max(0.01 * Math.abs(center), 0.01);
            };
        }
    }

    public AnomalyConfig {
        Objects.requireNonNull(scale, "scale");
        if (!(threshold > 0) || Double.isInfinite(threshold)) {
            throw new IllegalArgumentException("threshold must be a positive number, not " + threshold);
        }
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1 run, not " + window);
        }
        if (minRuns < 1 || minRuns > window) {
            throw new IllegalArgumentException(
                    "minRuns must be between 1 and the window (" + window + "), not " + minRuns);
        }
        if (minDeviationSeconds < 0) {
            throw new IllegalArgumentException("minDeviationSeconds must not be negative, not " + minDeviationSeconds);
        }
        if (!(minRatio >= 1) || Double.isInfinite(minRatio)) {
            throw new IllegalArgumentException("minRatio must be a number of at least 1, not " + minRatio);
        }
    }

    /** Threshold 3.5 on the log scale, 30 runs, at least 10, 30 s and ×2 floors, successful runs, seasonal. */
    public static AnomalyConfig defaults() {
        return new AnomalyConfig(3.5, 30, 10, 30, 2, Scale.LOG, false, true);
    }

    public AnomalyConfig withThreshold(double newThreshold) {
        return new AnomalyConfig(
                newThreshold, window, minRuns, minDeviationSeconds, minRatio, scale, judgeUnsuccessful, seasonal);
    }

    public AnomalyConfig withScale(Scale newScale) {
        return new AnomalyConfig(
                threshold, window, minRuns, minDeviationSeconds, minRatio, newScale, judgeUnsuccessful, seasonal);
    }

    public AnomalyConfig withFloors(long newMinDeviationSeconds, double newMinRatio) {
        return new AnomalyConfig(
                threshold, window, minRuns, newMinDeviationSeconds, newMinRatio, scale, judgeUnsuccessful, seasonal);
    }

    public AnomalyConfig withRuns(int newWindow, int newMinRuns) {
        return new AnomalyConfig(
                threshold, newWindow, newMinRuns, minDeviationSeconds, minRatio, scale, judgeUnsuccessful, seasonal);
    }

    public AnomalyConfig withJudgeUnsuccessful(boolean judge) {
        return new AnomalyConfig(threshold, window, minRuns, minDeviationSeconds, minRatio, scale, judge, seasonal);
    }

    public AnomalyConfig withSeasonal(boolean newSeasonal) {
        return new AnomalyConfig(
                threshold, window, minRuns, minDeviationSeconds, minRatio, scale, judgeUnsuccessful, newSeasonal);
    }
}
