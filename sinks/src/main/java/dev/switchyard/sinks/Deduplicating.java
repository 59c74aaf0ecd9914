package dev.switchyard.sinks;

import dev.switchyard.reactor.ports.Sink;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Passes each value on once per key ({@code MetricId}, {@code AuditId}, …), for local runs where the same
 * event can be fed twice: the reactor's effects are idempotent, but a file or a log would show the metric of
 * a redelivered event twice. Remembers the most recently seen keys only (a bounded LRU set, {@value
 * #DEFAULT_CAPACITY} by default), so a duplicate that arrives after that many other keys passes again;
 * consumers that need exactly-once still de-duplicate by key themselves. Safe for several threads.
 */
public final class Deduplicating<T> implements Sink<T> {
    /** How many keys are remembered unless told otherwise. */
    public static final int DEFAULT_CAPACITY = 100_000;

    private final Sink<T> next;
    private final Function<? super T, String> key;
    private final Map<String, Boolean> seen;

    /** Remembers the last {@value #DEFAULT_CAPACITY} keys. */
    public Deduplicating(Sink<T> next, Function<? super T, String> key) {
        this(next, key, DEFAULT_CAPACITY);
    }

    /** Remembers the last {@code capacity} keys. */
    public Deduplicating(Sink<T> next, Function<? super T, String> key, int capacity) {
        this.next = Objects.requireNonNull(next, "next");
        this.key = Objects.requireNonNull(key, "key");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity + " is not positive");
        }
        // Access order: a key seen again is kept as if new, so a value fed over and over stays remembered.
        this.seen = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * Passes the value on unless its key was seen; the key counts as seen only once the next sink took the
     * value, so a value whose delivery failed (a {@link dev.switchyard.reactor.ports.TransientFailureException})
     * passes when it is fed again. The next sink is called under a lock: one value at a time.
     */
    @Override
    public synchronized void accept(T value) {
        Objects.requireNonNull(value, "value");
        String id = Objects.requireNonNull(key.apply(value), () -> "no key for " + value);
        if (seen.get(id) != null) {
            return;
        }
        next.accept(value);
        seen.put(id, Boolean.TRUE);
    }
}
