package dev.switchyard.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Where and how metrics and audit entries go to Kafka (SPEC §7): the bootstrap servers, the two topics, how
 * long one record may take to be acknowledged before the caller is told to retry, and client properties of the
 * user's own (security, compression, …). The properties that make delivery safe are Switchyard's and cannot be
 * overridden: see {@link #RESERVED}.
 *
 * @param bootstrapServers {@code host:port[,host:port…]}
 * @param deliveryTimeout how long a record may wait for its acknowledgement, retries included; the bound on
 *     one {@code accept}. A Lambda function's timeout must leave room for it.
 * @param clientProperties further producer and consumer properties, e.g. {@code security.protocol=SSL}
 */
public record KafkaSettings(
        String bootstrapServers,
        String metricsTopic,
        String auditTopic,
        Duration deliveryTimeout,
        Map<String, String> clientProperties) {

    /** The topic of JobRunMetric records unless told otherwise. */
    public static final String DEFAULT_METRICS_TOPIC = "switchyard.job-runs";

    /** The topic of AuditEntry records unless told otherwise. */
    public static final String DEFAULT_AUDIT_TOPIC = "switchyard.audit";

    /**
     * 30 s: long enough to ride out a partition leader's election (seconds) and short enough that a broker
     * that is down fails the Lambda invocation well inside its timeout, so the batch is retried.
     */
    public static final Duration DEFAULT_DELIVERY_TIMEOUT = Duration.ofSeconds(30);

    /**
     * What Switchyard sets and a user may not: the acknowledgements and idempotence that make a record written
     * once per send, the serializers of the contract, the bounds derived from {@link #deliveryTimeout}, and
     * transactions, which a sink that writes one record at a time does not use.
     */
    public static final Set<String> RESERVED = Set.of(
            "bootstrap.servers",
            "acks",
            "enable.idempotence",
            "retries",
            "max.in.flight.requests.per.connection",
            "delivery.timeout.ms",
            "key.serializer",
            "value.serializer",
            "key.deserializer",
            "value.deserializer",
            "transactional.id");

    // host:port, host a name, IPv4 or [IPv6]
    private static final Pattern SERVER = Pattern.compile("([A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+]):[0-9]{1,5}");
    // Kafka's own rule: at most 249 of these characters, and not "." or ".."
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");

    public KafkaSettings {
        bootstrapServers =
                Objects.requireNonNull(bootstrapServers, "bootstrapServers").strip();
        if (bootstrapServers.isEmpty()) {
            throw new IllegalArgumentException("the Kafka bootstrap servers are empty: give host:port[,host:port…]");
        }
        for (String server : bootstrapServers.split(",", -1)) {
            if (!SERVER.matcher(server.strip()).matches()) {
                String in = server.strip().equals(bootstrapServers) ? "" : " in '" + bootstrapServers + "'";
                throw new IllegalArgumentException("Kafka bootstrap server '" + server.strip() + "'" + in
                        + " is not host:port, e.g. broker-1.example.com:9092");
            }
        }
        checkTopic("metrics", metricsTopic);
        checkTopic("audit", auditTopic);
        Objects.requireNonNull(deliveryTimeout, "deliveryTimeout");
        if (deliveryTimeout.compareTo(Duration.ofSeconds(1)) < 0
                || deliveryTimeout.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException(
                    "the Kafka delivery timeout " + deliveryTimeout + " is not between 1 second and 1 hour");
        }
        clientProperties = java.util.Collections.unmodifiableSortedMap(
                new TreeMap<>(Objects.requireNonNull(clientProperties, "clientProperties")));
        for (Map.Entry<String, String> property : clientProperties.entrySet()) {
            if (RESERVED.contains(property.getKey())) {
                throw new IllegalArgumentException("Kafka property " + property.getKey() + " is set by Switchyard"
                        + " and cannot be overridden (" + String.join(", ", new java.util.TreeSet<>(RESERVED)) + ")");
            }
            if (property.getKey().isBlank() || property.getValue() == null) {
                throw new IllegalArgumentException("Kafka property '" + property.getKey() + "' has no name or value");
            }
        }
    }

    /** The default topics, delivery timeout and no further properties. */
    public static KafkaSettings of(String bootstrapServers) {
        return new KafkaSettings(
                bootstrapServers, DEFAULT_METRICS_TOPIC, DEFAULT_AUDIT_TOPIC, DEFAULT_DELIVERY_TIMEOUT, Map.of());
    }

    public KafkaSettings withTopics(String metricsTopic, String auditTopic) {
        return new KafkaSettings(bootstrapServers, metricsTopic, auditTopic, deliveryTimeout, clientProperties);
    }

    public KafkaSettings withDeliveryTimeout(Duration deliveryTimeout) {
        return new KafkaSettings(bootstrapServers, metricsTopic, auditTopic, deliveryTimeout, clientProperties);
    }

    public KafkaSettings withClientProperties(Map<String, String> clientProperties) {
        return new KafkaSettings(bootstrapServers, metricsTopic, auditTopic, deliveryTimeout, clientProperties);
    }

    private static void checkTopic(String what, String topic) {
        Objects.requireNonNull(topic, what + " topic");
        if (!TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
            throw new IllegalArgumentException("the " + what + " topic '" + topic + "' is not a Kafka topic name:"
                    + " 1 to 249 letters, digits, '.', '_' or '-'");
        }
    }
}
