package dev.switchyard.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchyard.contracts.metric.JobRunMetric;
import dev.switchyard.contracts.metric.JobRunMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaMetricsReaderTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final EmbeddedKafka kafka = SharedKafka.get();

    @Test
    void shouldReadEveryMetric_andRejectWhatIsNotOne_withItsOffset() throws Exception {
        String topic = EmbeddedKafka.uniqueTopic("read");
        kafka.createTopic(topic, 1);
        List<JobRunMetric> metrics =
                JobRunMetrics.metrics().sampleStream().limit(40).toList();
        try (KafkaSinks sinks =
                new KafkaSinks(KafkaSettings.of(kafka.bootstrapServers()).withTopics(topic, "a"))) {
            metrics.subList(0, 20).forEach(sinks.metrics()::accept);
            try (KafkaProducer<String, byte[]> raw = producer()) {
                raw.send(new ProducerRecord<>(topic, "x", bytes("{\"JobName\": ")))
                        .get();
                RecordHeaders v2 = new RecordHeaders();
                v2.add("switchyard-schema-version", bytes("2"));
                raw.send(new ProducerRecord<>(topic, null, "y", bytes("{}"), v2))
                        .get();
            }
            metrics.subList(20, 40).forEach(sinks.metrics()::accept);
        }

        KafkaMetricsReader.Read read = KafkaMetricsReader.read(kafka.bootstrapServers(), topic, Map.of(), TIMEOUT);

        assertThat(read.metrics()).containsExactlyElementsOf(metrics);
        assertThat(read.rejections()).hasSize(2);
        assertThat(read.rejections().get(0).where()).isEqualTo(topic + "-0 offset 20");
        assertThat(read.rejections().get(0).reason()).startsWith("JobRunMetric:");
        assertThat(read.rejections().get(1).where()).isEqualTo(topic + "-0 offset 21");
        assertThat(read.rejections().get(1).reason()).contains("schema-version is '2'");
    }

    @Test
    void shouldSayTheTopicDoesNotExist_namingIt() {
        assertThatThrownBy(() -> KafkaMetricsReader.read(kafka.bootstrapServers(), "no-such-topic", Map.of(), TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("topic no-such-topic does not exist at " + kafka.bootstrapServers());
    }

    @Test
    void shouldSayNoBrokerAnswered_whenNoneDoes() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        String nowhere = "localhost:" + closed;

        assertThatThrownBy(() -> KafkaMetricsReader.read(nowhere, "t", Map.of(), Duration.ofSeconds(2)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("no Kafka broker answered at " + nowhere + " within 2 s");
    }

    @Test
    void shouldReadNothing_fromAnEmptyTopic() {
        String topic = EmbeddedKafka.uniqueTopic("empty");
        kafka.createTopic(topic, 3);

        KafkaMetricsReader.Read read = KafkaMetricsReader.read(kafka.bootstrapServers(), topic, Map.of(), TIMEOUT);

        assertThat(read.metrics()).isEmpty();
        assertThat(read.rejections()).isEmpty();
    }

    private KafkaProducer<String, byte[]> producer() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
