package dev.switchyard.cli;

import dev.switchyard.kafka.KafkaMetricsReader;
import dev.switchyard.kafka.KafkaSettings;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Job-run metrics from a Kafka topic, for {@code switchyard anomalies --kafka}: every partition as it is when
 * reading starts, from its beginning, without a consumer group. A record that is not a metric is rejected with
 * its partition and offset.
 */
final class KafkaTopic implements MetricSource {
    /** How long the cluster may take to answer, and a read to make progress. */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** The options of the source. */
    static final class Options {
        @Option(
                names = "--kafka",
                required = true,
                paramLabel = "BOOTSTRAP",
                description = "Read the metrics from Kafka at these bootstrap servers instead (host:port[,host:port]).")
        String bootstrap;

        @Option(
                names = "--topic",
                paramLabel = "TOPIC",
                defaultValue = KafkaSettings.DEFAULT_METRICS_TOPIC,
                description = "The topic of the metrics, with --kafka (default: ${DEFAULT-VALUE}).")
        String topic;

        @Option(
                names = "--kafka-property",
                paramLabel = "KEY=VALUE",
                description = "A further Kafka client property, e.g. security.protocol=SSL; repeatable.")
        List<String> properties = List.of();
    }

    private final Options options;

    KafkaTopic(Options options) {
        this.options = options;
    }

    @Override
    public String describe() {
        return "topic " + options.topic + " at " + options.bootstrap;
    }

    @Override
    public Read read() {
        KafkaMetricsReader.Read read;
        try {
            KafkaSettings checked = KafkaSettings.of(options.bootstrap)
                    .withTopics(options.topic, KafkaSettings.DEFAULT_AUDIT_TOPIC)
                    .withClientProperties(KafkaOptions.properties(options.properties));
            read = KafkaMetricsReader.read(
                    checked.bootstrapServers(), checked.metricsTopic(), checked.clientProperties(), TIMEOUT);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new UserError(e.getMessage());
        }
        List<Rejected> rejected = read.rejections().stream()
                .map(r -> new Rejected(r.where(), null, r.reason()))
                .toList();
        return new Read(read.metrics().size() + rejected.size(), read.metrics(), rejected);
    }
}
