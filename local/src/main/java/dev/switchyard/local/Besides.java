package dev.switchyard.local;

import dev.switchyard.reactor.ports.Sink;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The sinks a local run writes to besides its files (Kafka), each written after the file. The first failure
 * turns them all off for the rest of the run and is reported once as a problem, which fails the run: a broker
 * that goes down mid-run then costs one delivery timeout, not one per event and redelivery, and the files
 * still hold every metric and audit entry. (In Lambda there are no files to fall back on: there a failure is
 * retried until the event's dead-letter queue.)
 */
final class Besides {
    private final AtomicBoolean off = new AtomicBoolean();
    private final Consumer<String> problems;

    Besides(Consumer<String> problems) {
        this.problems = Objects.requireNonNull(problems, "problems");
    }

    /** {@code sink}, off once any of this run's additional sinks failed; {@code what} names it in the problem. */
    <T> Sink<T> wrap(Sink<T> sink, String what) {
        return value -> {
            if (off.get()) {
                return;
            }
            try {
                sink.accept(value);
            } catch (RuntimeException e) {
                if (off.compareAndSet(false, true)) {
                    problems.accept("writing " + what + " failed, so nothing more of this run was written there"
                            + " (the files have every metric and audit entry): " + e.getMessage());
                }
            }
        };
    }
}
