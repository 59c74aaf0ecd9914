package dev.switchyard.reactor.ports;

/**
 * Where the reactor sends what it derives: job-run metrics, audit entries, domain events, rejections. A
 * sink that cannot take a value now throws {@link TransientFailureException}; the event is then redelivered.
 */
@FunctionalInterface
public interface Sink<T> {
    void accept(T value);

    /** A sink that keeps nothing, for what is not configured. */
    static <T> Sink<T> discard() {
        return value -> {};
    }
}
