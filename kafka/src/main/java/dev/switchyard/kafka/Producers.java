package dev.switchyard.kafka;

import java.time.Duration;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;

/**
 * The sinks' one producer, made at the first record, and made again after an error that leaves an idempotent
 * producer unusable (a fatal state, or one it was closed by): the next record then gets a fresh producer
 * instead of the same error for ever.
 */
final class Producers {
    private final Supplier<Producer<String, byte[]>> newProducer;
    private Producer<String, byte[]> current;
    private boolean closed;

    Producers(Supplier<Producer<String, byte[]>> newProducer) {
        this.newProducer = newProducer;
    }

    synchronized Producer<String, byte[]> get() {
        if (closed) {
            throw new IllegalStateException("the Kafka sinks are closed");
        }
        if (current == null) {
            current = newProducer.get();
        }
        return current;
    }

    /** Drops {@code broken} (if it is still the current producer), so that the next record makes a new one. */
    synchronized void discard(Producer<String, byte[]> broken) {
        if (current == broken) {
            current = null;
            broken.close(Duration.ZERO);
        }
    }

    synchronized void close(Duration timeout) {
        if (closed) {
            return;
        }
        closed = true;
        if (current != null) {
            current.close(timeout);
            current = null;
        }
    }
}
