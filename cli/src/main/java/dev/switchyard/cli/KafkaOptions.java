package dev.switchyard.cli;

import dev.switchyard.kafka.KafkaSettings;
import dev.switchyard.kafka.KafkaSinks;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The Kafka options of the commands that derive metrics and audit entries ({@code run}, {@code rerun}, {@code
 * replay}), as SPEC §7 names them: with {@code --kafka-bootstrap}, metrics and audit entries go to Kafka as well as
 * to the command's files.
 */
final class KafkaOptions {
    /** How long the command waits for a broker to answer before it starts. */
    static final Duration REACHABLE = Duration.ofSeconds(10);

    @Option(
            names = "--kafka-bootstrap",
            paramLabel = "SERVERS",
            description = "Also write metrics and audit entries to Kafka at these bootstrap servers"
                    + " (host:port[,host:port]); idempotent, acks=all, key JobName.")
    String bootstrap;

    @Option(
            names = "--metrics-topic",
            paramLabel = "TOPIC",
            description = "The Kafka topic of metrics (default: " + KafkaSettings.DEFAULT_METRICS_TOPIC + ").")
    String metricsTopic;

    @Option(
            names = "--audit-topic",
            paramLabel = "TOPIC",
            description = "The Kafka topic of audit entries (default: " + KafkaSettings.DEFAULT_AUDIT_TOPIC + ").")
    String auditTopic;

    @Option(
            names = "--kafka-property",
            paramLabel = "KEY=VALUE",
            description = "A further Kafka client property, e.g. security.protocol=SSL; repeatable. Delivery"
                    + " settings (acks, idempotence, retries) are Switchyard's.")
    List<String> properties = List.of();

    /** The settings, when {@code --kafka-bootstrap} is given. */
    Optional<KafkaSettings> settings() {
        if (bootstrap == null) {
            if (metricsTopic != null || auditTopic != null || !properties.isEmpty()) {
                throw new UserError("--metrics-topic, --audit-topic and --kafka-property need --kafka-bootstrap");
            }
            return Optional.empty();
        }
        try {
            return Optional.of(KafkaSettings.of(bootstrap)
                    .withTopics(
                            metricsTopic == null ? KafkaSettings.DEFAULT_METRICS_TOPIC : metricsTopic,
                            auditTopic == null ? KafkaSettings.DEFAULT_AUDIT_TOPIC : auditTopic)
                    .withClientProperties(properties()));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    private Map<String, String> properties() {
        return properties(properties);
    }

    /** {@code --kafka-property KEY=VALUE} options as a map; a malformed one is a bad argument. */
    static Map<String, String> properties(List<String> options) {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String property : options) {
            int equals = property.indexOf('=');
            if (equals < 1) {
                throw new UserError("--kafka-property '" + property + "' is not KEY=VALUE");
            }
            parsed.put(property.substring(0, equals).strip(), property.substring(equals + 1));
        }
        return parsed;
    }

    /**
     * The sinks, once a broker answered; empty without {@code --kafka-bootstrap}. A topic that does not exist is
     * warned of on {@code err}. The caller closes the sinks, which waits for what was sent.
     */
    Optional<KafkaSinks> open(PrintWriter err) {
        Optional<KafkaSettings> settings = settings();
        if (settings.isEmpty()) {
            return Optional.empty();
        }
        KafkaSinks sinks;
        try {
            sinks = new KafkaSinks(settings.get());
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        try {
            for (String topic : sinks.checkReachable(REACHABLE)) {
                err.printf(
                        "switchyard: warning: topic %s does not exist at %s; the first record creates it where the"
                                + " cluster creates topics automatically, elsewhere every record to it fails%n",
                        topic, settings.get().bootstrapServers());
            }
        } catch (IllegalStateException e) {
            sinks.close();
            throw new UserError(e.getMessage());
        }
        return Optional.of(sinks);
    }
}
