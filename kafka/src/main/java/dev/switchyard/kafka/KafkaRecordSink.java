package dev.switchyard.kafka;

import dev.switchyard.contracts.Contracts;
import dev.switchyard.reactor.ports.Sink;
import dev.switchyard.reactor.ports.TransientFailureException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * One contract to one topic: the value as its contract JSON, the key from the value, the kind's headers. {@code
 * accept} waits for the broker's acknowledgement. A failure that may pass (no broker, no leader, a timeout, a
 * full buffer) is a {@link TransientFailureException}; a failure that will not pass by retrying (credentials,
 * ACLs, a record over the topic's size limit, a bad topic name) is an {@link IllegalStateException} that says
 * what to fix.
 */
final class KafkaRecordSink<T> implements Sink<T> {
    private final Producers producers;
    private final KafkaSettings settings;
    private final String topic;
    private final RecordKind kind;
    private final Function<T, String> key;
    private final Duration wait;

    KafkaRecordSink(
            Producers producers,
            KafkaSettings settings,
            String topic,
            RecordKind kind,
            Function<T, String> key,
            Duration wait) {
        this.producers = producers;
        this.settings = settings;
        this.topic = topic;
        this.kind = kind;
        this.key = key;
        this.wait = wait;
    }

    @Override
    public void accept(T value) {
        Objects.requireNonNull(value, "value");
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(
                topic,
                null,
                key.apply(value),
                Contracts.toJson(value).getBytes(StandardCharsets.UTF_8),
                kind.headers());
        Producer<String, byte[]> producer = producers.get();
        try {
            Future<RecordMetadata> sent = producer.send(record);
            sent.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw translate(e.getCause() == null ? e : e.getCause(), record.key(), producer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientFailureException(what(record.key()) + " was interrupted", e);
        } catch (TimeoutException e) {
            throw new TransientFailureException(
                    what(record.key()) + " was not acknowledged within " + wait.toSeconds() + " s", e);
        } catch (KafkaException | IllegalStateException e) {
            throw translate(e, record.key(), producer);
        }
    }

    private RuntimeException translate(Throwable failure, String recordKey, Producer<String, byte[]> producer) {
        String what = what(recordKey);
        if (failure instanceof InterruptException) {
            Thread.currentThread().interrupt();
            return new TransientFailureException(what + " was interrupted", failure);
        }
        if (failure instanceof RetriableException) {
            return new TransientFailureException(
                    what + " failed and will be retried: " + failure.getMessage() + " ("
                            + failure.getClass().getSimpleName() + ")",
                    failure);
        }
        if (failure instanceof ClusterAuthorizationException) {
            return new IllegalStateException(
                    what + " was refused: " + failure.getMessage()
                            + ". An idempotent producer needs the IdempotentWrite ACL on the cluster (brokers before"
                            + " Kafka 3.0), besides Write and Describe on the topic",
                    failure);
        }
        if (failure instanceof AuthenticationException || failure instanceof AuthorizationException) {
            return new IllegalStateException(
                    what + " was refused: " + failure.getMessage()
                            + ". Check the client's credentials and the topic's ACLs (the producer needs Write and"
                            + " Describe on the topic)",
                    failure);
        }
        if (failure instanceof ProducerFencedException
                || failure instanceof OutOfOrderSequenceException
                || failure instanceof InvalidProducerEpochException
                || failure instanceof IllegalStateException
                || failure.getClass() == KafkaException.class) {
            // An error that leaves the idempotent producer unusable: the next record gets a new one.
            producers.discard(producer);
            return new TransientFailureException(
                    what + " failed (" + failure + "); a new producer is made for the next record", failure);
        }
        // The rest will fail again however often it is retried: a record over the topic's size limit, a bad topic
        // name, a broker too old for idempotence (UnsupportedVersionException), a policy violation, …
        return new IllegalStateException(what + " cannot be written: " + failure, failure);
    }

    private String what(String recordKey) {
        return "writing " + kind.type + " '" + recordKey + "' to Kafka topic " + topic + " at "
                + settings.bootstrapServers();
    }
}
