package dev.switchyard.kafka;

import dev.switchyard.contracts.audit.AuditEntry;
import dev.switchyard.contracts.metric.JobRunMetric;
import dev.switchyard.reactor.ports.Sink;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The reactor's metric and audit sinks on Kafka (SPEC §6, §7): one idempotent producer with {@code acks=all}
 * shared by both topics. Each {@code accept} returns once the broker acknowledged the record, so the reactor
 * marks an event handled only after its metric is written: a broker that is down makes {@code accept} throw
 * {@link dev.switchyard.reactor.ports.TransientFailureException} within the delivery timeout, the event is
 * redelivered, and the metric is sent again with the same {@code MetricId}. Safe for several threads; close it
 * to release the producer.
 */
public final class KafkaSinks implements AutoCloseable {
    /** Bytes the producer may hold unsent: records wait here while a broker is slow, and no more than this. */
    static final long BUFFER_BYTES = 4L * 1024 * 1024;

    private final KafkaSettings settings;
    private final KafkaRecordSink<JobRunMetric> metrics;
    private final KafkaRecordSink<AuditEntry> audit;
    private final Producers producers;

    /** A producer for {@code settings}; it connects at the first record. */
    public KafkaSinks(KafkaSettings settings) {
        this(settings, checked(producerConfig(settings)));
    }

    private KafkaSinks(KafkaSettings settings, Map<String, Object> config) {
        this(settings, config, () -> new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer()));
    }

    /** On producers from {@code newProducer}, for tests with Kafka's {@code MockProducer}. */
    KafkaSinks(KafkaSettings settings, Supplier<Producer<String, byte[]>> newProducer) {
        this(settings, producerConfig(settings), newProducer);
    }

    private KafkaSinks(
            KafkaSettings settings, Map<String, Object> config, Supplier<Producer<String, byte[]>> newProducer) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.producers = new Producers(newProducer);
        // Kafka's own timeouts end an accept first; this wait is a backstop, from the configuration in force.
        Duration wait = Duration.ofMillis(millis(config, ProducerConfig.MAX_BLOCK_MS_CONFIG)
                        + millis(config, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG))
                .plusSeconds(5);
        this.metrics = new KafkaRecordSink<>(
                producers, settings, settings.metricsTopic(), RecordKind.METRIC, JobRunMetric::jobName, wait);
        this.audit = new KafkaRecordSink<>(
                producers, settings, settings.auditTopic(), RecordKind.AUDIT, RecordKind::auditKey, wait);
    }

    // The producer is made at the first record (so that a Lambda function's start makes no thread and no
    // connection), but a property of the wrong type is an error of the function's configuration: say so now.
    private static Map<String, Object> checked(Map<String, Object> config) {
        Map<String, Object> withSerializers = new HashMap<>(config);
        withSerializers.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        withSerializers.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try {
            new ProducerConfig(withSerializers);
        } catch (ConfigException e) {
            throw new IllegalArgumentException("the Kafka client properties are invalid: " + e.getMessage(), e);
        }
        return config;
    }

    /** JobRunMetric records to the metrics topic, key {@code JobName}. */
    public Sink<JobRunMetric> metrics() {
        return metrics;
    }

    /** AuditEntry records to the audit topic, key the changed item's {@code JobName} (else its key as JSON). */
    public Sink<AuditEntry> audit() {
        return audit;
    }

    public KafkaSettings settings() {
        return settings;
    }

    /**
     * The producer's configuration: Switchyard's safety settings over the user's properties.
     *
     * <ul>
     *   <li>{@code acks=all} and idempotence: a record is acknowledged once every in-sync replica has it, and a
     *       retry inside the producer never writes it twice;
     *   <li>{@code linger.ms=0}: each {@code accept} waits for its record, so a linger would only add latency
     *       (Kafka 4's default is 5 ms); a user who shares the sinks among many threads may set it;
     *   <li>{@code buffer.memory} {@value #BUFFER_BYTES} bytes and {@code max.block.ms}: the bounded buffer. A
     *       send that finds it full, or finds no broker to ask for the topic's metadata, waits at most that long
     *       and fails, to be retried by the caller;
     *   <li>{@code max.block.ms} and {@code request.timeout.ms} a quarter of {@link KafkaSettings#deliveryTimeout},
     *       and {@code delivery.timeout.ms} the rest, so that waiting for metadata and then for the acknowledgement
     *       take no longer than the delivery timeout together (unless the user's own properties say otherwise).
     * </ul>
     */
    static Map<String, Object> producerConfig(KafkaSettings settings) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "switchyard");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(BUFFER_BYTES));
        config.put(
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                Long.toString(maxBlock(settings).toMillis()));
        config.put(
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                Long.toString(requestTimeout(settings).toMillis()));
        config.putAll(settings.clientProperties());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        config.put(ProducerConfig.RETRIES_CONFIG, Integer.toString(Integer.MAX_VALUE));
        // Kafka wants delivery.timeout.ms >= linger.ms + request.timeout.ms
        long linger = millis(config, ProducerConfig.LINGER_MS_CONFIG);
        long request = millis(config, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG);
        long block = millis(config, ProducerConfig.MAX_BLOCK_MS_CONFIG);
        config.put(
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                Long.toString(Math.max(settings.deliveryTimeout().toMillis() - block, linger + request)));
        return config;
    }

    private static long millis(Map<String, Object> config, String name) {
        String text = String.valueOf(config.get(name)).strip();
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "Kafka property " + name + " is '" + text + "': it must be a whole number of milliseconds");
        }
    }

    // A quarter of the delivery timeout for one request, so a request that times out is retried at least twice.
    private static Duration requestTimeout(KafkaSettings settings) {
        return settings.deliveryTimeout().dividedBy(4);
    }

    // Waiting for metadata or buffer space: as long as one request, no longer.
    private static Duration maxBlock(KafkaSettings settings) {
        return requestTimeout(settings);
    }

    /**
     * Asks the cluster for its brokers and the two topics, so that a command fails at its start, and says why,
     * when no broker answers (rather than at its first record, after the delivery timeout).
     *
     * @return the topics that do not exist: the first record creates them where the cluster creates topics
     *     automatically ({@code auto.create.topics.enable}); elsewhere every record to them fails
     * @throws IllegalStateException when no broker answered within {@code timeout}
     */
    public Set<String> checkReachable(Duration timeout) {
        Map<String, Object> config = new HashMap<>(settings.clientProperties());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "switchyard-check");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        try (Admin admin = Admin.create(config)) {
            admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Set<String> missing = new TreeSet<>(List.of(settings.metricsTopic(), settings.auditTopic()));
            missing.removeAll(admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS));
            return missing;
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException(
                    "no Kafka broker answered at " + settings.bootstrapServers() + " within " + timeout.toSeconds()
                            + " s (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking Kafka at " + settings.bootstrapServers(), e);
        }
    }

    /** Waits up to {@code timeout} for the records sent to be acknowledged, then closes the producer. */
    public void close(Duration timeout) {
        producers.close(timeout);
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
