package dev.switchyard.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchyard.contracts.ContractSchemas;
import dev.switchyard.contracts.Contracts;
import dev.switchyard.contracts.audit.AuditEntries;
import dev.switchyard.contracts.audit.AuditEntry;
import dev.switchyard.contracts.metric.JobRunMetric;
import dev.switchyard.contracts.metric.JobRunMetrics;
import dev.switchyard.reactor.ports.TransientFailureException;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

/** The sinks against a real broker: what is written is what a consumer reads back, key and headers included. */
class KafkaSinksTest {
    private static final Duration READ = Duration.ofSeconds(30);

    private final EmbeddedKafka kafka = SharedKafka.get();

    private KafkaSettings settings(String metricsTopic, String auditTopic) {
        return KafkaSettings.of(kafka.bootstrapServers()).withTopics(metricsTopic, auditTopic);
    }

    @Test
    void shouldWriteEachMetricOnce_keyedByJobName_withHeaders_andASchemaValidValue() {
        String topic = EmbeddedKafka.uniqueTopic("metrics");
        kafka.createTopic(topic, 3);
        List<JobRunMetric> metrics =
                JobRunMetrics.metrics().sampleStream().limit(200).toList();
        try (KafkaSinks sinks = new KafkaSinks(settings(topic, "unused"))) {
            metrics.forEach(sinks.metrics()::accept);
        }

        List<ConsumerRecord<String, byte[]>> records = kafka.consume(topic, metrics.size(), READ);

        assertThat(records).hasSize(metrics.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            String json = new String(record.value(), StandardCharsets.UTF_8);
            assertThat(ContractSchemas.problems(ContractSchemas.JOB_RUN_METRIC, json))
                    .as(json)
                    .isEmpty();
            JobRunMetric metric = Contracts.fromJson(json, JobRunMetric.class);
            assertThat(record.key()).isEqualTo(metric.jobName());
            assertThat(headers(record))
                    .containsEntry("switchyard-type", "JobRunMetric")
                    .containsEntry("switchyard-schema-version", "1")
                    .containsEntry("content-type", "application/json");
        }
        assertThat(records.stream().map(r -> Contracts.fromJson(text(r), JobRunMetric.class)))
                .containsExactlyInAnyOrderElementsOf(metrics);
    }

    @Test
    void shouldKeepOneJobsMetricsInOrder_onOnePartition() {
        String topic = EmbeddedKafka.uniqueTopic("ordered");
        kafka.createTopic(topic, 4);
        JobRunMetric sample = JobRunMetrics.metrics().sample();
        List<JobRunMetric> runs = java.util.stream.IntStream.range(0, 30)
                .mapToObj(i -> new JobRunMetric(
                        1,
                        JobRunMetric.metricId("nightly_load", "jr_" + i, sample.state()),
                        "nightly_load",
                        sample.jobCategory(),
                        sample.environment(),
                        sample.runDate(),
                        "jr_" + i,
                        sample.state(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        sample.emittedAt()))
                .toList();
        try (KafkaSinks sinks = new KafkaSinks(settings(topic, "unused"))) {
            runs.forEach(sinks.metrics()::accept);
        }

        List<ConsumerRecord<String, byte[]>> records = kafka.consume(topic, runs.size(), READ);

        assertThat(records.stream().map(ConsumerRecord::partition).distinct()).hasSize(1);
        assertThat(records.stream()
                        .map(r ->
                                Contracts.fromJson(text(r), JobRunMetric.class).jobRunId()))
                .containsExactlyElementsOf(
                        runs.stream().map(JobRunMetric::jobRunId).toList());
    }

    @Test
    void shouldWriteAuditEntries_keyedByTheChangedJob_withASchemaValidValue() {
        String topic = EmbeddedKafka.uniqueTopic("audit");
        kafka.createTopic(topic, 2);
        List<AuditEntry> entries =
                AuditEntries.entries().sampleStream().limit(100).toList();
        try (KafkaSinks sinks = new KafkaSinks(settings("unused", topic))) {
            entries.forEach(sinks.audit()::accept);
        }

        List<ConsumerRecord<String, byte[]>> records = kafka.consume(topic, entries.size(), READ);

        assertThat(records).hasSize(entries.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            String json = text(record);
            assertThat(ContractSchemas.problems(ContractSchemas.AUDIT_ENTRY, json))
                    .as(json)
                    .isEmpty();
            AuditEntry entry = Contracts.fromJson(json, AuditEntry.class);
            assertThat(record.key()).isEqualTo(RecordKind.auditKey(entry));
            assertThat(headers(record)).containsEntry("switchyard-type", "AuditEntry");
        }
        assertThat(records.stream().map(r -> Contracts.fromJson(text(r), AuditEntry.class)))
                .containsExactlyInAnyOrderElementsOf(entries);
    }

    @Test
    void shouldFailRetryably_namingTopicAndServers_whenNoBrokerAnswers() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        KafkaSettings nowhere = KafkaSettings.of("localhost:" + closedPort).withDeliveryTimeout(Duration.ofSeconds(2));
        JobRunMetric metric = JobRunMetrics.metrics().sample();

        try (KafkaSinks sinks = new KafkaSinks(nowhere)) {
            assertThatThrownBy(() -> sinks.metrics().accept(metric))
                    .isInstanceOf(TransientFailureException.class)
                    .hasMessageContaining("switchyard.job-runs")
                    .hasMessageContaining("localhost:" + closedPort)
                    .hasMessageContaining(metric.jobName());
        }
    }

    @Test
    void shouldFindTheClusterReachable_andSayWhenItIsNot() throws IOException {
        String topic = EmbeddedKafka.uniqueTopic("checked");
        kafka.createTopic(topic, 1);
        try (KafkaSinks sinks =
                new KafkaSinks(KafkaSettings.of(kafka.bootstrapServers()).withTopics(topic, "not-created-yet"))) {
            assertThat(sinks.checkReachable(Duration.ofSeconds(10))).containsExactly("not-created-yet");
        }
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (KafkaSinks sinks = new KafkaSinks(KafkaSettings.of("localhost:" + closedPort))) {
            assertThatThrownBy(() -> sinks.checkReachable(Duration.ofSeconds(2)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("no Kafka broker answered at localhost:" + closedPort + " within 2 s");
        }
    }

    static Map<String, String> headers(ConsumerRecord<String, byte[]> record) {
        return java.util.Arrays.stream(record.headers().toArray())
                .collect(
                        Collectors.toMap(Header::key, h -> new String(h.value(), StandardCharsets.UTF_8), (a, b) -> b));
    }

    static String text(ConsumerRecord<String, byte[]> record) {
        return new String(record.value(), StandardCharsets.UTF_8);
    }
}
