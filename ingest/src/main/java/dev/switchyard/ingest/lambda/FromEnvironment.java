package dev.switchyard.ingest.lambda;

import static dev.switchyard.ingest.lambda.Wiring.AUDIT_TOPIC;
import static dev.switchyard.ingest.lambda.Wiring.DYNAMODB_ENDPOINT;
import static dev.switchyard.ingest.lambda.Wiring.EVENT_BUS;
import static dev.switchyard.ingest.lambda.Wiring.GLUE_LOOKUP;
import static dev.switchyard.ingest.lambda.Wiring.KAFKA_BOOTSTRAP;
import static dev.switchyard.ingest.lambda.Wiring.KAFKA_DELIVERY_TIMEOUT_SECONDS;
import static dev.switchyard.ingest.lambda.Wiring.KAFKA_PROPERTIES;
import static dev.switchyard.ingest.lambda.Wiring.METRICS_FILE;
import static dev.switchyard.ingest.lambda.Wiring.METRICS_TOPIC;
import static dev.switchyard.ingest.lambda.Wiring.REGION;
import static dev.switchyard.ingest.lambda.Wiring.STATE_MACHINE_ARN;
import static dev.switchyard.ingest.lambda.Wiring.STATE_TABLE;
import static dev.switchyard.ingest.lambda.Wiring.STUCK_AFTER_MINUTES;
import static dev.switchyard.ingest.lambda.Wiring.TABLE;
import static dev.switchyard.ingest.lambda.Wiring.ZONE;

import dev.switchyard.aws.AwsClients;
import dev.switchyard.aws.EventBridgeSink;
import dev.switchyard.aws.GlueJobRuns;
import dev.switchyard.aws.StepFunctionsStarter;
import dev.switchyard.contracts.audit.AuditEntry;
import dev.switchyard.contracts.domain.DomainEvent;
import dev.switchyard.contracts.metric.JobRunMetric;
import dev.switchyard.dynamodb.DynamoItemTable;
import dev.switchyard.dynamodb.DynamoTables;
import dev.switchyard.kafka.KafkaSettings;
import dev.switchyard.kafka.KafkaSinks;
import dev.switchyard.reactor.anomaly.AnomalyConfig;
import dev.switchyard.reactor.ports.ExecutionStarter;
import dev.switchyard.reactor.ports.GlueRuns;
import dev.switchyard.reactor.ports.Sink;
import dev.switchyard.reactor.react.Ports;
import dev.switchyard.reactor.react.ReactorConfig;
import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.table.ControlTable;
import dev.switchyard.reactor.table.StateTable;
import dev.switchyard.sinks.EmfMetricSink;
import dev.switchyard.sinks.JsonLinesFile;
import dev.switchyard.sinks.LogSink;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds {@link Wiring#fromEnvironment}: reads and checks every variable first, so a bad one fails the
 * function's start with its name before any client exists, then builds the clients (which resolve
 * credentials at their first request, not here).
 */
final class FromEnvironment {
    static final long DEFAULT_STUCK_AFTER_MINUTES = 120;

    private FromEnvironment() {}

    /** @param out the function's log: metrics (EMF), audit entries, rejections and retries go there */
    static Wiring wiring(Map<String, String> env, PrintStream out) {
        Settings settings = Settings.read(env);
        AwsClients.Settings aws = AwsClients.Settings.DEFAULT.withRegion(settings.region());

        DynamoDbClient dynamo = DynamoTables.client(settings.endpoint(), settings.region());
        ControlTable control = new ControlTable(new DynamoItemTable(dynamo, ControlTable.SCHEMA, settings.table()));
        ItemTable state = new DynamoItemTable(dynamo, StateTable.SCHEMA, settings.stateTable());

        GlueRuns glue = settings.glueLookup() ? new GlueJobRuns(AwsClients.glue(aws)) : GlueRuns.NONE;
        // Step Functions and EventBridge are called only when a category run succeeds: their clients are
        // built at the first call, not in every cold start (a client costs tens of milliseconds to build).
        ExecutionStarter starter = settings.stateMachineArn()
                .<ExecutionStarter>map(arn -> {
                    Lazy<ExecutionStarter> real = new Lazy<>(() -> starter(aws, arn));
                    return (category, runDate, environment) -> real.get().start(category, runDate, environment);
                })
                .orElse(NO_STATE_MACHINE);
        Sink<JobRunMetric> metrics = settings.metricsFile()
                .<Sink<JobRunMetric>>map(JsonLinesFile::new)
                .orElseGet(() -> new EmfMetricSink(out));
        Sink<AuditEntry> audit = LogSink.audit(out);
        KafkaSinks kafka = null;
        if (settings.kafka().isPresent()) {
            // Kafka first: when it fails the event is redelivered, and the log has not had the line yet.
            try {
                kafka = new KafkaSinks(settings.kafka().get());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(KAFKA_PROPERTIES + " is invalid: " + e.getMessage(), e);
            }
            metrics = kafka.metrics().andThen(metrics);
            audit = kafka.audit().andThen(audit);
        }
        Sink<DomainEvent> domainEvents = settings.eventBus()
                .<Sink<DomainEvent>>map(bus -> {
                    Lazy<EventBridgeSink> real =
                            new Lazy<>(() -> new EventBridgeSink(AwsClients.eventBridge(aws), bus));
                    return event -> real.get().accept(event);
                })
                .orElseGet(Sink::discard);

        ReactorConfig config = reactorConfig(settings);
        Wiring wiring = Wiring.of(
                        control,
                        state,
                        new Ports(glue, starter, metrics, audit, domainEvents),
                        config,
                        LogSink.rejections(out),
                        Clock.systemUTC(),
                        settings.zone())
                .withLog(out);
        return kafka == null ? wiring : wiring.closing(kafka);
    }

    /**
     * The reactor's settings: reconciliation's threshold, and anomaly detection when there is an event bus for
     * its JobRunAnomaly events (judging each successful run costs a history query, saved without one).
     */
    static ReactorConfig reactorConfig(Settings settings) {
        ReactorConfig config = ReactorConfig.defaults().withStuckAfter(settings.stuckAfter());
        return settings.eventBus().isPresent() ? config.withAnomalies(AnomalyConfig.defaults()) : config;
    }

    /**
     * Chaining without a state machine: the decision (made when the function is configured without {@link
     * Wiring#STATE_MACHINE_ARN}) is to fail loudly when a run is due, not at the start, so that a function
     * that only audits or reconciles needs no ARN. Failing is safe: the trigger marker stays without an
     * execution, the event that triggered it fails and is redelivered, and the redelivery, once the variable is
     * set, starts the run.
     */
    static final ExecutionStarter NO_STATE_MACHINE = (category, runDate, environment) -> {
        throw new IllegalStateException("cannot start category " + category + " for " + runDate + ": "
                + STATE_MACHINE_ARN + " is not set. Set it to the orchestrator's state machine ARN; the event that"
                + " made the run due fails now and its redelivery starts the run.");
    };

    /** A value built at its first use, once. */
    static final class Lazy<T> {
        private final java.util.function.Supplier<T> build;
        private T value;

        Lazy(java.util.function.Supplier<T> build) {
            this.build = build;
        }

        synchronized T get() {
            if (value == null) {
                value = build.get();
            }
            return value;
        }
    }

    /** The variables, read and checked. */
    record Settings(
            String table,
            String stateTable,
            URI endpoint,
            String region,
            Optional<String> stateMachineArn,
            Optional<String> eventBus,
            Optional<Path> metricsFile,
            Optional<KafkaSettings> kafka,
            boolean glueLookup,
            Duration stuckAfter,
            ZoneId zone) {

        static Settings read(Map<String, String> env) {
            String table = required(env, TABLE, "the control table's name");
            return new Settings(
                    table,
                    value(env, STATE_TABLE).orElse(table + "-state"),
                    value(env, DYNAMODB_ENDPOINT).map(FromEnvironment::endpoint).orElse(null),
                    required(env, REGION, "the region of the tables and services, e.g. eu-west-1"),
                    value(env, STATE_MACHINE_ARN).map(FromEnvironment::stateMachineArn),
                    value(env, EVENT_BUS),
                    value(env, METRICS_FILE).map(FromEnvironment::file),
                    FromEnvironment.kafka(env),
                    FromEnvironment.glueLookup(env),
                    FromEnvironment.stuckAfter(env),
                    FromEnvironment.zone(env));
        }
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    private static String required(Map<String, String> env, String name, String what) {
        return value(env, name)
                .orElseThrow(() -> new IllegalArgumentException(name + " is not set: it must name " + what));
    }

    private static URI endpoint(String text) {
        try {
            URI uri = new URI(text);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new URISyntaxException(text, "needs a scheme and a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    DYNAMODB_ENDPOINT + " '" + text + "' is not a URL such as http://localhost:4567", e);
        }
    }

    private static String stateMachineArn(String text) {
        try {
            return StepFunctionsStarter.checkArn(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(STATE_MACHINE_ARN + " is invalid: " + e.getMessage(), e);
        }
    }

    private static ExecutionStarter starter(AwsClients.Settings aws, String arn) {
        try {
            return new StepFunctionsStarter(AwsClients.stepFunctions(aws), arn);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(STATE_MACHINE_ARN + " is invalid: " + e.getMessage(), e);
        }
    }

    private static Path file(String text) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(METRICS_FILE + " '" + text + "' is not a file path: " + e.getMessage());
        }
    }

    /** Kafka's settings when {@link Wiring#KAFKA_BOOTSTRAP} is set; the topics and properties only then. */
    private static Optional<KafkaSettings> kafka(Map<String, String> env) {
        Optional<String> bootstrap = value(env, KAFKA_BOOTSTRAP);
        if (bootstrap.isEmpty()) {
            for (String name : List.of(METRICS_TOPIC, AUDIT_TOPIC, KAFKA_PROPERTIES, KAFKA_DELIVERY_TIMEOUT_SECONDS)) {
                if (value(env, name).isPresent()) {
                    throw new IllegalArgumentException(
                            name + " is set but " + KAFKA_BOOTSTRAP + " is not: set both, or neither");
                }
            }
            return Optional.empty();
        }
        KafkaSettings settings;
        try {
            settings = KafkaSettings.of(bootstrap.get());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(KAFKA_BOOTSTRAP + " is invalid: " + e.getMessage(), e);
        }
        try {
            settings = settings.withTopics(
                    value(env, METRICS_TOPIC).orElse(KafkaSettings.DEFAULT_METRICS_TOPIC),
                    value(env, AUDIT_TOPIC).orElse(KafkaSettings.DEFAULT_AUDIT_TOPIC));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(METRICS_TOPIC + " or " + AUDIT_TOPIC + " is invalid: " + e.getMessage());
        }
        Optional<String> timeout = value(env, KAFKA_DELIVERY_TIMEOUT_SECONDS);
        if (timeout.isPresent()) {
            try {
                settings = settings.withDeliveryTimeout(Duration.ofSeconds(Long.parseLong(timeout.get())));
            } catch (IllegalArgumentException e) { // NumberFormatException included
                throw new IllegalArgumentException(KAFKA_DELIVERY_TIMEOUT_SECONDS + " is '" + timeout.get()
                        + "': it must be a whole number of seconds from 1 to 3600 (default "
                        + KafkaSettings.DEFAULT_DELIVERY_TIMEOUT.toSeconds() + ")");
            }
        }
        Optional<String> properties = value(env, KAFKA_PROPERTIES);
        if (properties.isPresent()) {
            try {
                settings = settings.withClientProperties(properties(properties.get()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(KAFKA_PROPERTIES + " is invalid: " + e.getMessage(), e);
            }
        }
        return Optional.of(settings);
    }

    /** A JSON object of strings, e.g. {@code {"security.protocol":"SSL"}}. */
    private static Map<String, String> properties(String json) {
        com.fasterxml.jackson.databind.JsonNode tree;
        try {
            tree = dev.switchyard.contracts.Json.mapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("it is not JSON: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException(
                    "it must be a JSON object of strings, e.g. {\"security.protocol\":\"SSL\"}");
        }
        Map<String, String> properties = new java.util.TreeMap<>();
        for (var field : tree.properties()) {
            if (!field.getValue().isTextual()) {
                throw new IllegalArgumentException(
                        "property " + field.getKey() + " is " + field.getValue() + ": give every value as a string");
            }
            properties.put(field.getKey(), field.getValue().asText());
        }
        return properties;
    }

    private static boolean glueLookup(Map<String, String> env) {
        return switch (value(env, GLUE_LOOKUP).orElse("on").toLowerCase(Locale.ROOT)) {
            case "on" -> true;
            case "off" -> false;
            default ->
                throw new IllegalArgumentException(
                        GLUE_LOOKUP + " is '" + env.get(GLUE_LOOKUP) + "': it must be on (the default) or off");
        };
    }

    private static ZoneId zone(Map<String, String> env) {
        Optional<String> text = value(env, ZONE);
        try {
            return text.map(ZoneId::of).orElse(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(
                    ZONE + " is '" + text.get() + "': it must be a time zone such as UTC or Europe/Paris");
        }
    }

    private static Duration stuckAfter(Map<String, String> env) {
        Optional<String> text = value(env, STUCK_AFTER_MINUTES);
        if (text.isEmpty()) {
            return Duration.ofMinutes(DEFAULT_STUCK_AFTER_MINUTES);
        }
        try {
            long minutes = Long.parseLong(text.get());
            if (minutes < 1) {
                throw new NumberFormatException();
            }
            return Duration.ofMinutes(minutes);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(STUCK_AFTER_MINUTES + " is '" + text.get()
                    + "': it must be a whole number of minutes, at least 1 (default "
                    + DEFAULT_STUCK_AFTER_MINUTES + ")");
        }
    }
}
