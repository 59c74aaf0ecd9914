package dev.switchyard.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchyard.contracts.metric.JobRunMetric;
import dev.switchyard.contracts.metric.JobRunMetrics;
import dev.switchyard.reactor.ports.TransientFailureException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** How the sink classes Kafka's failures: retryable, or an error to fix; on Kafka's {@code MockProducer}. */
class KafkaFailuresTest {
    private final List<MockProducer<String, byte[]>> made = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final KafkaSinks sinks = new KafkaSinks(KafkaSettings.of("broker:9092"), () -> {
        MockProducer<String, byte[]> producer =
                new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
        made.add(producer);
        return producer;
    });
    private final JobRunMetric metric = JobRunMetrics.metrics().sample();

    /** Sends the metric, and completes its send with {@code failure} (null: acknowledged) once it is waited on. */
    private void send(RuntimeException failure) {
        CompletableFuture<Void> accepted =
                CompletableFuture.runAsync(() -> sinks.metrics().accept(metric));
        Instant deadline = Instant.now().plusSeconds(10);
        while (!accepted.isDone() && Instant.now().isBefore(deadline)) {
            if (!made.isEmpty()) {
                MockProducer<String, byte[]> producer = made.getLast();
                if (failure == null ? producer.completeNext() : producer.errorNext(failure)) {
                    break;
                }
            }
            Thread.onSpinWait();
        }
        try {
            accepted.join();
        } catch (CompletionException e) {
            throw (RuntimeException) e.getCause();
        }
    }

    @Test
    void shouldReturn_onceTheRecordIsAcknowledged() {
        send(null);

        assertThat(made.getLast().history()).singleElement().satisfies(record -> {
            assertThat(record.topic()).isEqualTo("switchyard.job-runs");
            assertThat(record.key()).isEqualTo(metric.jobName());
        });
    }

    @Test
    void shouldFailRetryably_whenTheBrokerCannotReachEnoughReplicas() {
        assertThatThrownBy(() -> send(new NotEnoughReplicasException("2 of 3 in sync")))
                .isInstanceOf(TransientFailureException.class)
                .hasMessageContaining("will be retried")
                .hasMessageContaining("NotEnoughReplicasException");
    }

    @Test
    void shouldFailForGood_namingTheAcls_whenTheTopicIsNotAuthorized() {
        assertThatThrownBy(() -> send(new TopicAuthorizationException("not authorized")))
                .isInstanceOf(IllegalStateException.class)
                .isNotInstanceOf(TransientFailureException.class)
                .hasMessageContaining("ACLs")
                .hasMessageContaining("switchyard.job-runs");
    }

    @Test
    void shouldFailForGood_whenTheRecordIsTooLargeForTheTopic() {
        assertThatThrownBy(() -> send(new RecordTooLargeException("1 MB")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot be written");
    }

    @Test
    void shouldMakeANewProducer_afterAnErrorThatLeavesTheProducerUnusable() {
        assertThatThrownBy(() -> send(new KafkaException("fatal state")))
                .isInstanceOf(TransientFailureException.class)
                .hasMessageContaining("new producer");
        // retired, not closed: another thread may still be waiting on it
        assertThat(made.getFirst().closed()).isFalse();

        send(null);

        assertThat(made).hasSize(2);
        assertThat(made.getLast().history()).hasSize(1);
        sinks.close(Duration.ZERO);
        assertThat(made).allMatch(MockProducer::closed);
    }

    @Test
    void shouldFailForGood_whenTheBrokerIsTooOldForIdempotence() {
        assertThatThrownBy(() -> send(new org.apache.kafka.common.errors.UnsupportedVersionException("v0")))
                .isInstanceOf(IllegalStateException.class)
                .isNotInstanceOf(TransientFailureException.class)
                .hasMessageContaining("cannot be written");
        assertThat(made).hasSize(1);
    }

    @Test
    void shouldNameIdempotentWrite_whenTheClusterIsNotAuthorized() {
        assertThatThrownBy(() -> send(new org.apache.kafka.common.errors.ClusterAuthorizationException("denied")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("IdempotentWrite");
    }

    @Test
    void shouldFailRetryably_whenSendItselfThrows() {
        MockProducer<String, byte[]> producer =
                new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        producer.sendException = new org.apache.kafka.common.errors.TimeoutException("no metadata after 10000 ms");
        KafkaSinks blocked = new KafkaSinks(KafkaSettings.of("broker:9092"), () -> producer);

        assertThatThrownBy(() -> blocked.metrics().accept(metric))
                .isInstanceOf(TransientFailureException.class)
                .hasMessageContaining("no metadata");
    }

    @Test
    void shouldRefuseWork_onceClosed() {
        sinks.close(Duration.ZERO);

        assertThatThrownBy(() -> sinks.metrics().accept(metric)).hasMessageContaining("closed");
    }
}
