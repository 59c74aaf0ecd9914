package dev.switchyard.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchyard.contracts.Contracts;
import dev.switchyard.contracts.event.GlueJobEvent;
import dev.switchyard.contracts.metric.JobRunMetric;
import dev.switchyard.contracts.metric.JobRunMetrics;
import dev.switchyard.reactor.ports.Sink;
import dev.switchyard.reactor.ports.TransientFailureException;
import dev.switchyard.reactor.react.Histories;
import dev.switchyard.reactor.react.World;
import dev.switchyard.reactor.store.InMemoryItemTable;
import dev.switchyard.reactor.table.ControlTable;
import dev.switchyard.reactor.table.StateTable;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A broker stopped in the middle of a run and started again: every metric arrives, and a metric written twice
 * (its acknowledgement lost, or its event redelivered) carries the same {@code MetricId} and content. Each
 * test has a cluster of its own, since it stops the broker.
 */
class BrokerRestartTest {
    private static final Duration DELIVERY = Duration.ofSeconds(2);

    private EmbeddedKafka kafka;

    @BeforeEach
    void start() {
        kafka = EmbeddedKafka.start();
    }

    @AfterEach
    void stop() throws Exception {
        kafka.close();
    }

    private KafkaSinks sinks(String topic) {
        return new KafkaSinks(KafkaSettings.of(kafka.bootstrapServers())
                .withTopics(topic, "unused")
                .withDeliveryTimeout(DELIVERY));
    }

    @Test
    void shouldLoseNoMetric_whenTheBrokerStopsAndComesBackMidStream() {
        String topic = EmbeddedKafka.uniqueTopic("restart");
        kafka.createTopic(topic, 2);
        // distinct ids: two generated metrics may share one, and a repeat is told by its id
        List<JobRunMetric> metrics = List.copyOf(
                byId(JobRunMetrics.metrics().sampleStream().limit(300).toList()).values());
        Deque<JobRunMetric> redeliver = new ArrayDeque<>();
        int failures = 0;
        CompletableFuture<Void> restarted = null;
        try (KafkaSinks sinks = sinks(topic)) {
            for (int i = 0; i < metrics.size(); i++) {
                if (i == 100) {
                    kafka.stopBroker();
                }
                try {
                    sinks.metrics().accept(metrics.get(i));
                } catch (TransientFailureException e) {
                    // as Lambda would: the event is delivered again later
                    redeliver.add(metrics.get(i));
                    if (++failures == 3) {
                        restarted = CompletableFuture.runAsync(kafka::restartBroker);
                    }
                }
            }
            assertThat(restarted).as("the broker's stop made sends fail").isNotNull();
            restarted.join();
            deliverAll(redeliver, sinks.metrics()::accept);
        }

        List<JobRunMetric> read = read(topic, metrics.size());

        assertThat(failures).isGreaterThanOrEqualTo(3);
        assertThat(byId(read)).containsOnlyKeys(byId(metrics).keySet());
        assertRepeatsAreIdentical(read);
    }

    @Test
    void shouldLoseNoMetricOfADay_whenTheReactorsEventsAreRedeliveredAroundABrokerRestart() {
        String topic = EmbeddedKafka.uniqueTopic("day");
        kafka.createTopic(topic, 1);
        Histories.Day day =
                Histories.day(Collections.nCopies(Histories.allJobs().size(), Histories.Story.FAILS_THEN_SUCCEEDS), 7L);
        World reference = world(day);
        reference.open(Histories.T0, "RAW", "REF");
        day.events().forEach(reference::deliver);
        Map<String, JobRunMetric> expected = reference.snapshot().metrics();

        List<String> failed = new ArrayList<>();
        try (KafkaSinks sinks = sinks(topic)) {
            World world = world(day).instance(port -> toKafka(port, sinks));
            world.open(Histories.T0, "RAW", "REF");
            Deque<GlueJobEvent> redeliver = new ArrayDeque<>();
            List<GlueJobEvent> events = day.events();
            for (int i = 0; i < events.size(); i++) {
                if (i == events.size() / 3) {
                    kafka.stopBroker();
                }
                if (i == events.size() / 2) {
                    kafka.restartBroker();
                }
                try {
                    world.deliver(events.get(i));
                } catch (TransientFailureException e) {
                    failed.add(events.get(i).jobRunId());
                    redeliver.add(events.get(i));
                }
            }
            deliverAll(redeliver, world::deliver);
        }

        List<JobRunMetric> read = read(topic, expected.size());

        assertThat(failed)
                .as("events whose metric could not be written while the broker was down")
                .isNotEmpty();
        assertThat(byId(read)).isEqualTo(expected);
        assertRepeatsAreIdentical(read);
    }

    private static World world(Histories.Day day) {
        return World.of(
                new InMemoryItemTable(ControlTable.SCHEMA), new InMemoryItemTable(StateTable.SCHEMA), day.runs());
    }

    /** The world's metric sink replaced by Kafka's; its other ports and sinks kept. */
    @SuppressWarnings("unchecked")
    private static Object toKafka(Object port, KafkaSinks sinks) {
        if (!(port instanceof Sink<?> sink)) {
            return port;
        }
        Sink<Object> kept = (Sink<Object>) sink;
        return (Sink<Object>) value -> {
            if (value instanceof JobRunMetric metric) {
                sinks.metrics().accept(metric);
            } else {
                kept.accept(value);
            }
        };
    }

    private static <T> void deliverAll(Deque<T> queue, java.util.function.Consumer<T> deliver) {
        for (int attempt = 0; !queue.isEmpty() && attempt < 10_000; attempt++) {
            T next = queue.poll();
            try {
                deliver.accept(next);
            } catch (TransientFailureException e) {
                queue.add(next);
            }
        }
        assertThat(queue)
                .as("deliveries still failing after the broker's restart")
                .isEmpty();
    }

    private List<JobRunMetric> read(String topic, int atLeast) {
        List<ConsumerRecord<String, byte[]>> records = kafka.consume(topic, atLeast, Duration.ofSeconds(30));
        // a few more may follow: repeats written while acknowledgements were lost
        records = kafka.consume(topic, records.size() + 1, Duration.ofSeconds(2));
        return records.stream()
                .map(r -> Contracts.fromJson(KafkaSinksTest.text(r), JobRunMetric.class))
                .toList();
    }

    private static Map<String, JobRunMetric> byId(List<JobRunMetric> metrics) {
        return metrics.stream()
                .collect(Collectors.toMap(
                        JobRunMetric::metricId, Function.identity(), (a, b) -> a, java.util.LinkedHashMap::new));
    }

    private static void assertRepeatsAreIdentical(List<JobRunMetric> read) {
        Map<String, List<JobRunMetric>> byId = read.stream().collect(Collectors.groupingBy(JobRunMetric::metricId));
        byId.forEach((id, copies) -> assertThat(copies).as(id).allMatch(copies.get(0)::equals));
    }
}
