package dev.switchyard.ingest.lambda;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.switchyard.contracts.event.Rejection;
import dev.switchyard.ingest.decode.EventDecoder;
import dev.switchyard.reactor.ports.Sink;
import dev.switchyard.reactor.react.PlanStep;
import dev.switchyard.reactor.react.Ports;
import dev.switchyard.reactor.react.Reactor;
import dev.switchyard.reactor.react.ReactorConfig;
import dev.switchyard.reactor.react.Reconciler;
import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.table.Categories;
import dev.switchyard.reactor.table.ControlTable;
import dev.switchyard.sinks.LogSink;
import java.io.PrintStream;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the Lambda handlers need, built once per execution environment (at cold start) and shared by
 * every invocation it serves: the reactor, the reconciler, the decoder, where rejections go, and the clock.
 * No DI framework: {@link #fromEnvironment} builds the real adapters from the function's environment
 * variables, {@link #of} takes ports, for {@code switchyard invoke} and tests. Building does no network I/O.
 */
public final class Wiring implements AutoCloseable {
    /** The control table's name (required); its state table is {@code NAME-state} unless {@link #STATE_TABLE}. */
    public static final String TABLE = "SWITCHYARD_TABLE";
    /** The state table's name (optional): categories, run records, category runs, trigger markers. */
    public static final String STATE_TABLE = "SWITCHYARD_STATE_TABLE";
    /** A DynamoDB-API endpoint other than AWS's own, e.g. a development server (optional). */
    public static final String DYNAMODB_ENDPOINT = "SWITCHYARD_DYNAMODB_ENDPOINT";
    /** The region of the tables and services (required; Lambda sets it). */
    public static final String REGION = "AWS_REGION";
    /** The orchestrator's state machine, started by chaining (required for chaining, checked when starting). */
    public static final String STATE_MACHINE_ARN = "SWITCHYARD_STATE_MACHINE_ARN";
    /** The EventBridge bus for domain events (optional: without it they are discarded). */
    public static final String EVENT_BUS = "SWITCHYARD_EVENT_BUS";
    /** A JSON Lines file for metrics (optional: without it, CloudWatch EMF lines in the log). */
    public static final String METRICS_FILE = "SWITCHYARD_METRICS_FILE";
    /**
     * Kafka bootstrap servers (optional): with them, metrics go to {@link #METRICS_TOPIC} as well as to the log
     * as EMF, and audit entries to {@link #AUDIT_TOPIC} as well as to the log: Kafka is always in addition.
     */
    public static final String KAFKA_BOOTSTRAP = "SWITCHYARD_KAFKA_BOOTSTRAP";
    /** The Kafka topic of JobRunMetric records (default {@code switchyard.job-runs}). */
    public static final String METRICS_TOPIC = "SWITCHYARD_METRICS_TOPIC";
    /** The Kafka topic of AuditEntry records (default {@code switchyard.audit}). */
    public static final String AUDIT_TOPIC = "SWITCHYARD_AUDIT_TOPIC";
    /**
     * Further Kafka client properties as a JSON object of strings (optional), e.g. {@code
     * {"security.protocol":"SSL"}}; the delivery settings (acks, idempotence, …) are Switchyard's.
     */
    public static final String KAFKA_PROPERTIES = "SWITCHYARD_KAFKA_PROPERTIES";
    /**
     * Seconds a Kafka record may wait for its acknowledgement before the event fails and is retried (default
     * 30); keep it well below the function's timeout.
     */
    public static final String KAFKA_DELIVERY_TIMEOUT_SECONDS = "SWITCHYARD_KAFKA_DELIVERY_TIMEOUT_SECONDS";
    /** {@code on} (default) asks Glue's {@code GetJobRun} about each final run; {@code off} does not. */
    public static final String GLUE_LOOKUP = "SWITCHYARD_GLUE_LOOKUP";
    /** Minutes after which reconciliation asks Glue about a run that looks unfinished (default 120). */
    public static final String STUCK_AFTER_MINUTES = "SWITCHYARD_STUCK_AFTER_MINUTES";
    /** The zone whose date is "today" for an execution without a RunDate (default UTC). */
    public static final String ZONE = "SWITCHYARD_ZONE";

    private final Reactor reactor;
    private final Reconciler reconciler;
    private final PlanStep planStep;
    private final EventDecoder decoder;
    private final Sink<Rejection> rejections;
    private final Clock clock;
    private final PrintStream log;
    private final List<AutoCloseable> resources;

    private Wiring(
            Reactor reactor,
            Reconciler reconciler,
            PlanStep planStep,
            EventDecoder decoder,
            Sink<Rejection> rejections,
            Clock clock,
            PrintStream log,
            List<AutoCloseable> resources) {
        this.reactor = reactor;
        this.reconciler = reconciler;
        this.planStep = planStep;
        this.decoder = decoder;
        this.rejections = rejections;
        this.clock = clock;
        this.log = log;
        this.resources = List.copyOf(resources);
    }

    /**
     * The real adapters, as the variables of a Lambda function's environment say (see the constants of this
     * class): the control and state tables on DynamoDB, Glue, Step Functions, EventBridge; metrics as
     * CloudWatch EMF lines on standard output (the function's log) or to {@link #METRICS_FILE}, and to Kafka
     * when {@link #KAFKA_BOOTSTRAP} is set; audit entries as JSON log lines on standard output, and to Kafka
     * when it is set; rejections as JSON log lines. Blank values count as unset.
     *
     * @throws IllegalArgumentException when a variable is missing or invalid, naming it
     */
    public static Wiring fromEnvironment(Map<String, String> env) {
        return FromEnvironment.wiring(env, System.out);
    }

    /** The reactor and the reconciler on the given stores and ports, for local runs and tests; "today" in UTC. */
    public static Wiring of(
            ControlTable control,
            ItemTable state,
            Ports ports,
            ReactorConfig config,
            Sink<Rejection> rejections,
            Clock clock) {
        return of(control, state, ports, config, rejections, clock, ZoneOffset.UTC);
    }

    /** The reactor, the reconciler and the planner on the given stores and ports, "today" being in {@code zone}. */
    public static Wiring of(
            ControlTable control,
            ItemTable state,
            Ports ports,
            ReactorConfig config,
            Sink<Rejection> rejections,
            Clock clock,
            ZoneId zone) {
        Objects.requireNonNull(control, "control");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(config, "config");
        Reactor reactor = new Reactor(control, state, ports, config);
        Reconciler reconciler = new Reconciler(reactor, ports.glue());
        PlanStep planStep = new PlanStep(reactor, new Categories(state), zone);
        return new Wiring(
                reactor,
                reconciler,
                planStep,
                new EventDecoder(),
                Objects.requireNonNull(rejections, "rejections"),
                Objects.requireNonNull(clock, "clock"),
                System.err,
                List.of());
    }

    /**
     * The same wiring, logging the failures of single records (which are retried, not rejected) to {@code
     * log} instead of standard error.
     */
    public Wiring withLog(PrintStream log) {
        return new Wiring(
                reactor,
                reconciler,
                planStep,
                decoder,
                rejections,
                clock,
                Objects.requireNonNull(log, "log"),
                resources);
    }

    /** The same wiring, closing {@code resource} (a Kafka producer) when it is closed. */
    Wiring closing(AutoCloseable resource) {
        List<AutoCloseable> more = new java.util.ArrayList<>(resources);
        more.add(Objects.requireNonNull(resource, "resource"));
        return new Wiring(reactor, reconciler, planStep, decoder, rejections, clock, log, more);
    }

    /**
     * Releases what the wiring opened (a Kafka producer, which waits for what it sent). Lambda never calls it: an
     * execution environment ends with its process; tests and commands do.
     */
    @Override
    public void close() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    public Reactor reactor() {
        return reactor;
    }

    public Reconciler reconciler() {
        return reconciler;
    }

    public PlanStep planStep() {
        return planStep;
    }

    public EventDecoder decoder() {
        return decoder;
    }

    public Sink<Rejection> rejections() {
        return rejections;
    }

    public Clock clock() {
        return clock;
    }

    /**
     * Logs a record that failed and will be retried, as one JSON line (CloudWatch Logs indexes its fields):
     * {@code {"level":"WARN","kind":"retry","where":…,"errorType":…,"errorMessage":…}}.
     */
    void retrying(String where, Throwable failure) {
        new LogSink<Retry>(log, "WARN", "retry")
                .accept(new Retry(where, failure.getClass().getName(), String.valueOf(failure.getMessage())));
    }

    /** A retried record's log line. */
    @JsonPropertyOrder({"where", "errorType", "errorMessage"})
    record Retry(String where, String errorType, String errorMessage) {}
}
