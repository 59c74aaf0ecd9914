package dev.switchyard.cli;

import static dev.switchyard.cli.CliTest.RETAIL;
import static dev.switchyard.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.contracts.Contracts;
import dev.switchyard.contracts.metric.JobRunMetric;
import dev.switchyard.kafka.EmbeddedKafka;
import dev.switchyard.kafka.KafkaSettings;
import dev.switchyard.kafka.KafkaSinks;
import dev.switchyard.kafka.SharedKafka;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --kafka-bootstrap} on {@code replay} and {@code run}, against a real broker: Kafka gets what the files get;
 * and {@code anomalies --kafka}, which reads a topic as it reads a file.
 */
class KafkaOptionsTest {
    private final EmbeddedKafka kafka = SharedKafka.get();
    private final String metricsTopic = EmbeddedKafka.uniqueTopic("job-runs");
    private final String auditTopic = EmbeddedKafka.uniqueTopic("audit");

    @TempDir
    Path dir;

    private List<String> values(String topic, int expected) {
        return kafka.consume(topic, expected, Duration.ofSeconds(30)).stream()
                .map(r -> new String(r.value(), StandardCharsets.UTF_8))
                .toList();
    }

    @Test
    void shouldReplayADay_toTheTopicsAsWellAsTheFiles() throws IOException {
        kafka.createTopic(metricsTopic, 1);
        kafka.createTopic(auditTopic, 1);
        Path out = dir.resolve("out");

        CliTest.Result result = run(
                "replay",
                "--table",
                RETAIL,
                "--events",
                ReplayCommandTest.EVENTS,
                "--plan",
                "RAW@2026-11-30",
                "--plan",
                "REF@2026-11-30",
                "--out",
                out.toString(),
                "--kafka-bootstrap",
                kafka.bootstrapServers(),
                "--metrics-topic",
                metricsTopic,
                "--audit-topic",
                auditTopic);

        assertThat(result.status()).as(result.err()).isZero();
        List<String> metrics = Files.readAllLines(out.resolve("metrics.jsonl"));
        List<String> audit = Files.readAllLines(out.resolve("audit.jsonl"));
        assertThat(metrics).isNotEmpty();
        assertThat(audit).isNotEmpty();
        assertThat(values(metricsTopic, metrics.size())).containsExactlyElementsOf(metrics);
        assertThat(values(auditTopic, audit.size())).containsExactlyElementsOf(audit);
    }

    @Test
    void shouldRunTheDemo_writingEachMetricToTheTopic() throws IOException {
        kafka.createTopic(metricsTopic, 3);
        Path project = copyDemo();

        CliTest.Result result = run(
                "run",
                "RAW",
                "--project",
                project.toString(),
                "--date",
                RunCommandTest.DATE,
                "--kafka-bootstrap",
                kafka.bootstrapServers(),
                "--metrics-topic",
                metricsTopic);

        assertThat(result.status()).as(result.err()).isZero();
        List<String> metrics = Files.readAllLines(project.resolve(".switchyard/metrics.jsonl"));
        assertThat(metrics).hasSizeGreaterThanOrEqualTo(6);
        assertThat(values(metricsTopic, metrics.size())).containsExactlyInAnyOrderElementsOf(metrics);
    }

    @Test
    void shouldRefuseToStart_whenNoBrokerAnswers() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Path project = copyDemo();

        CliTest.Result result =
                run("run", "RAW", "--project", project.toString(), "--kafka-bootstrap", "localhost:" + closed);

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).contains("no Kafka broker answered at localhost:" + closed);
        assertThat(project.resolve(".switchyard/run.db")).doesNotExist();
    }

    @Test
    void shouldFindAnomalies_inATopic_rejectingWhatIsNotAMetricByItsOffset() throws Exception {
        kafka.createTopic(metricsTopic, 2);
        List<String> lines = new java.util.ArrayList<>(AnomaliesCommandTest.runs("raw_orders", 15, 12_000));
        lines.addAll(AnomaliesCommandTest.runs("stg_sales", 12, 4));
        try (KafkaSinks sinks =
                new KafkaSinks(KafkaSettings.of(kafka.bootstrapServers()).withTopics(metricsTopic, auditTopic))) {
            lines.forEach(line -> sinks.metrics().accept(Contracts.fromJson(line, JobRunMetric.class)));
        }
        Properties config = new Properties();
        config.put("bootstrap.servers", kafka.bootstrapServers());
        try (KafkaProducer<String, String> raw =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            raw.send(new ProducerRecord<>(metricsTopic, 0, "x", "not json")).get();
        }

        CliTest.Result r =
                run("anomalies", "--kafka", kafka.bootstrapServers(), "--topic", metricsTopic, "--format", "json");

        assertThat(r.status()).as("a record was rejected").isEqualTo(1);
        JsonNode json = r.json();
        assertThat(json.path("Counts").path("Records").asLong()).isEqualTo(lines.size() + 1);
        assertThat(json.path("Anomalies"))
                .extracting(
                        a -> a.path("JobName").asText() + " " + a.path("Kind").asText())
                .containsExactlyInAnyOrder("raw_orders SLOW", "stg_sales FAST");
        assertThat(json.path("Rejected"))
                .singleElement()
                .satisfies(rejected ->
                        assertThat(rejected.path("Where").asText()).startsWith(metricsTopic + "-0 offset "));
    }

    @Test
    void shouldSayATopicThatDoesNotExist_withStatus2() {
        CliTest.Result r = run("anomalies", "--kafka", kafka.bootstrapServers(), "--topic", "no-such-topic");

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("topic no-such-topic does not exist at " + kafka.bootstrapServers());
    }

    @Test
    void shouldRefuseTwoSources() throws IOException {
        Path file = Files.writeString(dir.resolve("metrics.jsonl"), "");

        CliTest.Result r = run("anomalies", "--metrics", file.toString(), "--kafka", kafka.bootstrapServers());

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("mutually exclusive");
    }

    @Test
    void shouldRefuseATopicWithoutBootstrapServers() {
        CliTest.Result result = run(
                "replay",
                "--table",
                RETAIL,
                "--events",
                ReplayCommandTest.EVENTS,
                "--out",
                dir.toString(),
                "--metrics-topic",
                "runs");

        assertThat(result.status()).isEqualTo(2);
        assertThat(result.err()).contains("need --kafka-bootstrap");
    }

    private Path copyDemo() throws IOException {
        return RunCommandTest.copyDemo(dir);
    }
}
