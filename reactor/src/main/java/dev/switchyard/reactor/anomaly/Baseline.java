package dev.switchyard.reactor.anomaly;

import java.util.Arrays;
import java.util.Objects;

/**
 * What is usual for a job: the median and the median absolute deviation (MAD) of the durations of its recent
 * successful runs, in seconds and on the scale runs are judged on. Median and MAD ignore up to half the runs
 * being odd, so earlier anomalies in the window do not hide the next one, as they would a mean and a standard
 * deviation.
 *
 * @param runs how many durations it summarises
 * @param medianSeconds their median, in seconds
 * @param madSeconds their median absolute deviation from {@code medianSeconds}, in seconds
 * @param scale the scale of {@code center} and {@code spread}
 * @param center the median of the durations on {@code scale}
 * @param spread the MAD of the durations on {@code scale}, at least {@link AnomalyConfig.Scale#minSpread}
 */
public record Baseline(
        int runs, double medianSeconds, double madSeconds, AnomalyConfig.Scale scale, double center, double spread) {

    /**
     * 1 / Φ⁻¹(3/4): the MAD of normally distributed values times this is their standard deviation, so a score
     * reads as "standard deviations from usual" (Iglewicz and Hoaglin's modified z-score).
     */
    public static final double CONSISTENCY = 1.4826;

    public Baseline {
        Objects.requireNonNull(scale, "scale");
        if (runs < 1) {
            throw new IllegalArgumentException("a baseline summarises at least one run, not " + runs);
        }
        if (!(spread > 0)) {
            throw new IllegalArgumentException("spread must be positive, not " + spread);
        }
    }

    /** The baseline of these durations (seconds, in any order, at least one). */
    public static Baseline of(long[] seconds, AnomalyConfig.Scale scale) {
        if (seconds.length == 0) {
            throw new IllegalArgumentException("a baseline needs at least one duration");
        }
        double[] raw = new double[seconds.length];
        double[] scaled = new double[seconds.length];
        for (int i = 0; i < seconds.length; i++) {
            raw[i] = seconds[i];
            scaled[i] = scale.apply(seconds[i]);
        }
        double median = median(raw);
        double center = median(scaled);
        return new Baseline(
                seconds.length,
                median,
                mad(raw, median),
                scale,
                center,
                Math.max(mad(scaled, center), scale.minSpread(center)));
    }

    /**
     * The modified z-score of a duration: how many (robust) standard deviations it lies above (positive) or
     * below (negative) the median, on the baseline's scale.
     */
    public double score(long seconds) {
        return (scale.apply(seconds) - center) / (CONSISTENCY * spread);
    }

    /** The median: the middle value of an odd count, the mean of the two middle values of an even one. */
    public static double median(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("the median of no values");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** The median absolute deviation from {@code center}: the median of {@code |x − center|}. */
    public static double mad(double[] values, double center) {
        double[] deviations = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            deviations[i] = Math.abs(values[i] - center);
        }
        return median(deviations);
    }
}
