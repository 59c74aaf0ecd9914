package dev.switchyard.kafka;

import dev.switchyard.contracts.Contracts;
import dev.switchyard.contracts.event.Rejection;
import dev.switchyard.contracts.metric.JobRunMetric;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the JobRunMetric records of a topic as they are when reading starts: every partition from its
 * beginning to its end at that moment, without a consumer group (nothing is committed, so reading twice reads
 * the same). A record that is not a valid JobRunMetric, or whose schema-version header names a version this
 * Switchyard does not read, is rejected with its topic, partition and offset, never skipped in silence.
 */
public final class KafkaMetricsReader {
    /** What a topic held: the metrics in partition and offset order, and the records that are not metrics. */
    public record Read(List<JobRunMetric> metrics, List<Rejection> rejections) {
        public Read {
            metrics = List.copyOf(metrics);
            rejections = List.copyOf(rejections);
        }
    }

    private KafkaMetricsReader() {}

    /**
     * Reads {@code topic} at {@code bootstrapServers}.
     *
     * @param clientProperties further consumer properties (security, …)
     * @param timeout how long to wait for the cluster to answer, and for a read to make progress
     * @throws IllegalArgumentException when the topic does not exist
     * @throws IllegalStateException when the cluster cannot be reached or stops answering
     */
    public static Read read(
            String bootstrapServers, String topic, Map<String, String> clientProperties, Duration timeout) {
        Objects.requireNonNull(topic, "topic");
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "switchyard-anomalies");
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            return read(consumer, topic, bootstrapServers, timeout);
        } catch (KafkaException e) {
            throw new IllegalStateException(
                    "cannot read topic " + topic + " at " + bootstrapServers + ": " + e.getMessage(), e);
        }
    }

    private static Read read(
            KafkaConsumer<String, byte[]> consumer, String topic, String bootstrapServers, Duration timeout) {
        Map<String, List<PartitionInfo>> topics;
        try {
            topics = consumer.listTopics(timeout);
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new IllegalStateException(
                    "no Kafka broker answered at " + bootstrapServers + " within " + timeout.toSeconds() + " s ("
                            + e.getMessage() + ")",
                    e);
        }
        List<PartitionInfo> infos = topics.get(topic);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalArgumentException("topic " + topic + " does not exist at " + bootstrapServers
                    + " (topics there: " + String.join(", ", new java.util.TreeSet<>(topics.keySet())) + ")");
        }
        List<TopicPartition> partitions = infos.stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .sorted(java.util.Comparator.comparingInt(TopicPartition::partition))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, timeout));
        Map<TopicPartition, List<JobRunMetric>> metrics = new HashMap<>();
        List<Rejection> rejections = new ArrayList<>();
        long quietSince = System.nanoTime();
        while (!done(consumer, end)) {
            var records = consumer.poll(Duration.ofMillis(200));
            if (records.isEmpty()) {
                if (System.nanoTime() - quietSince > timeout.toNanos()) {
                    throw new IllegalStateException("reading topic " + topic + " at " + bootstrapServers
                            + " made no progress for " + timeout.toSeconds() + " s");
                }
                continue;
            }
            quietSince = System.nanoTime();
            for (ConsumerRecord<String, byte[]> record : records) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (record.offset() >= end.get(partition)) {
                    continue; // written after reading began
                }
                try {
                    metrics.computeIfAbsent(partition, p -> new ArrayList<>()).add(decode(record));
                } catch (IllegalArgumentException e) {
                    rejections.add(new Rejection(where(record), e.getMessage(), text(record.value())));
                }
            }
        }
        List<JobRunMetric> ordered = new ArrayList<>();
        partitions.forEach(p -> ordered.addAll(metrics.getOrDefault(p, List.of())));
        return new Read(ordered, rejections);
    }

    private static boolean done(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    /** A record's metric; the message of the exception says what is wrong with it. */
    static JobRunMetric decode(ConsumerRecord<String, byte[]> record) {
        Header version = record.headers().lastHeader(RecordKind.SCHEMA_VERSION_HEADER);
        if (version != null) {
            String text = new String(version.value(), StandardCharsets.UTF_8);
            if (!text.equals(Integer.toString(JobRunMetric.SCHEMA_VERSION))) {
                throw new IllegalArgumentException(RecordKind.SCHEMA_VERSION_HEADER + " is '" + text
                        + "'; this version of Switchyard reads JobRunMetric version " + JobRunMetric.SCHEMA_VERSION);
            }
        }
        Header type = record.headers().lastHeader(RecordKind.TYPE_HEADER);
        if (type != null && !new String(type.value(), StandardCharsets.UTF_8).equals(RecordKind.METRIC.type)) {
            throw new IllegalArgumentException(RecordKind.TYPE_HEADER + " is '"
                    + new String(type.value(), StandardCharsets.UTF_8) + "', not " + RecordKind.METRIC.type);
        }
        if (record.value() == null) {
            throw new IllegalArgumentException("the record has no value (a tombstone)");
        }
        return Contracts.fromJson(text(record.value()), JobRunMetric.class);
    }

    private static String where(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + " offset " + record.offset();
    }

    private static String text(byte[] value) {
        return value == null ? "" : new String(value, StandardCharsets.UTF_8);
    }
}
