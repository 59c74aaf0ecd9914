package dev.switchyard.reactor.ports;

/**
 * Where the reactor sends what it derives: job-run metrics, audit entries, domain events, rejections. A
 * sink that cannot take a value now throws {@link TransientFailureException}; the event is then redelivered.
 */
@FunctionalInterface
public interface Sink<T> {
    void accept(T value);

    /**
     * Each value to this sink, then to {@code next}: a value the first cannot take (it throws) reaches neither
     * the second nor the caller's "handled" mark, so a redelivery writes it to both.
     */
    default Sink<T> andThen(Sink<? super T> next) {
        java.util.Objects.requireNonNull(next, "next");
        return value -> {
            accept(value);
            next.accept(value);
        };
    }

    /** A sink that keeps nothing, for what is not configured. */
    static <T> Sink<T> discard() {
        return value -> {};
    }
}
