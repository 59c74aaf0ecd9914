package dev.switchyard.cli;

import static dev.switchyard.cli.CliTest.RETAIL;
import static dev.switchyard.cli.CliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchyard.kafka.EmbeddedKafka;
import dev.switchyard.kafka.SharedKafka;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --kafka-bootstrap} on {@code replay} and {@code run}, against a real broker: Kafka gets what the files get. */
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
        Path project = dir.resolve("demo");
        Path demo = Path.of("../examples/demo");
        try (Stream<Path> files = Files.walk(demo)) {
            for (Path source :
                    files.filter(p -> !p.toString().contains(".switchyard")).toList()) {
                Path target = project.resolve(demo.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return project;
    }
}
