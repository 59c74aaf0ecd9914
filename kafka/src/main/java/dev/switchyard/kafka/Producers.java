package dev.switchyard.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;

/**
 * The sinks' one producer, made at the first record, and made again after an error that leaves an idempotent
 * producer unusable (a fatal state): the next record then gets a fresh producer instead of the same error for
 * ever. A retired producer is closed only with the sinks, since another thread may still be waiting on it.
 */
final class Producers {
    private final Supplier<Producer<String, byte[]>> newProducer;
    private final List<Producer<String, byte[]>> retired = new ArrayList<>();
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

    /** Retires {@code broken} (if it is still the current producer), so that the next record makes a new one. */
    synchronized void discard(Producer<String, byte[]> broken) {
        if (current == broken) {
            current = null;
            retired.add(broken);
        }
    }

    synchronized void close(Duration timeout) {
        if (closed) {
            return;
        }
        closed = true;
        retired.forEach(producer -> producer.close(Duration.ZERO));
        retired.clear();
        if (current != null) {
            current.close(timeout);
            current = null;
        }
    }
}
