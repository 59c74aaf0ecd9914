package dev.switchyard.statemachine;

import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A Retrier: the n-th retry it allows waits IntervalSeconds × BackoffRate^(n-1), capped at MaxDelaySeconds; with
 * JitterStrategy FULL the wait is uniform in [0, that delay] ("a random number between 0 and the computed backoff").
 */
record Retrier(
        List<String> errorEquals,
        int intervalSeconds,
        int maxAttempts,
        double backoffRate,
        Integer maxDelaySeconds,
        boolean fullJitter) {

    static final int DEFAULT_INTERVAL_SECONDS = 1;
    static final int DEFAULT_MAX_ATTEMPTS = 3;
    static final double DEFAULT_BACKOFF_RATE = 2.0;

    Retrier {
        errorEquals = List.copyOf(errorEquals);
    }

    /** The wait before retry number {@code retry} (1 for the first) of this retrier. */
    Duration delay(int retry, RandomGenerator random) {
        double seconds = intervalSeconds * Math.pow(backoffRate, retry - 1);
        if (maxDelaySeconds != null) {
            seconds = Math.min(seconds, maxDelaySeconds);
        }
        if (fullJitter) {
            seconds = random.nextDouble() * seconds;
        }
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
