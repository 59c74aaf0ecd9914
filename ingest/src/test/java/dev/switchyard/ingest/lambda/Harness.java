package dev.switchyard.ingest.lambda;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.contracts.Json;
import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.contracts.audit.AuditEntry;
import dev.switchyard.contracts.domain.DomainEvent;
import dev.switchyard.contracts.event.Rejection;
import dev.switchyard.contracts.metric.JobRunMetric;
import dev.switchyard.contracts.table.ControlTableItem;
import dev.switchyard.reactor.ports.ExecutionStarter;
import dev.switchyard.reactor.ports.GlueRun;
import dev.switchyard.reactor.ports.GlueRuns;
import dev.switchyard.reactor.ports.Sink;
import dev.switchyard.reactor.react.Ports;
import dev.switchyard.reactor.react.ReactorConfig;
import dev.switchyard.reactor.store.InMemoryItemTable;
import dev.switchyard.reactor.table.ControlTable;
import dev.switchyard.reactor.table.Stamp;
import dev.switchyard.reactor.table.StateTable;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Handlers on the in-memory store, with a fake Glue and orchestrator and list sinks; and the AWS event samples
 * under {@code src/test/resources/events}, loaded as the Lambda runtime loads them.
 */
final class Harness {
    /** The job the Glue samples are about. */
    static final String JOB = "MyJob";

    static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");

    final InMemoryItemTable controlItems = new InMemoryItemTable(ControlTable.SCHEMA);
    final InMemoryItemTable stateItems = new InMemoryItemTable(StateTable.SCHEMA);
    final ControlTable control = new ControlTable(controlItems);
    final List<JobRunMetric> metrics = Collections.synchronizedList(new ArrayList<>());
    final List<AuditEntry> audit = Collections.synchronizedList(new ArrayList<>());
    final List<DomainEvent> domainEvents = Collections.synchronizedList(new ArrayList<>());
    final List<Rejection> rejections = Collections.synchronizedList(new ArrayList<>());
    final List<String> starts = Collections.synchronizedList(new ArrayList<>());
    final FakeGlue glue = new FakeGlue();
    final ByteArrayOutputStream log = new ByteArrayOutputStream();

    /** Audit entries pass through this first: a test makes it throw to play a failing sink. */
    Sink<AuditEntry> auditGate = entry -> {};

    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    Harness() {
        control.put(
                ControlTableItem.of(JOB, "RAW", "DAILY", "NO"),
                OptionalLong.empty(),
                new Stamp("alice", NOW.minusSeconds(86_400)));
    }

    Wiring wiring() {
        return Wiring.of(control, stateItems, ports(), ReactorConfig.defaults(), rejections::add, clock)
                .withLog(new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    /** The fake Glue and orchestrator, and the list sinks. */
    Ports ports() {
        ExecutionStarter starter = (category, runDate, environment) -> {
            starts.add(category + "@" + runDate);
            return "exec:" + ExecutionStarter.executionName(category, runDate);
        };
        Ports ports = new Ports(
                glue,
                starter,
                metrics::add,
                entry -> {
                    auditGate.accept(entry);
                    audit.add(entry);
                },
                domainEvents::add);
        return ports;
    }

    String logText() {
        return log.toString(StandardCharsets.UTF_8);
    }

    Optional<String> column(String job, String column) {
        return control.get(job).map(item -> item.get(column)).map(a -> ((Attr.S) a).value());
    }

    /** Glue as a map of runs; a run can be made to throw. */
    static final class FakeGlue implements GlueRuns {
        final Map<String, GlueRun> runs = new ConcurrentHashMap<>();
        RuntimeException failure;

        @Override
        public Optional<GlueRun> jobRun(String jobName, String jobRunId) {
            if (failure != null) {
                throw failure;
            }
            return Optional.ofNullable(runs.get(jobRunId))
                    .filter(r -> r.jobName().equals(jobName));
        }

        @Override
        public List<GlueRun> jobRuns(String jobName, int max) {
            if (failure != null) {
                throw failure;
            }
            return runs.values().stream()
                    .filter(r -> r.jobName().equals(jobName))
                    .limit(max)
                    .toList();
        }
    }

    // ---- the AWS event samples ----

    static byte[] bytes(String name) {
        try (InputStream in = Harness.class.getResourceAsStream("/events/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode tree(String name) {
        return (ObjectNode) tree(bytes(name));
    }

    static JsonNode tree(byte[] json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String render(JsonNode node) {
        try {
            return Json.mapper().writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Lambda event's JSON bound to the runtime's classes exactly as the Lambda Java runtime binds it. */
    static DynamodbEvent lambdaEvent(String json) {
        InputStream in = new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
        return LambdaEventSerializers.serializerFor(DynamodbEvent.class, Harness.class.getClassLoader())
                .fromJson(in);
    }

    /** Runs the EventBridge handler on an event's bytes and returns its response. */
    static JsonNode invoke(EventBridgeHandler handler, byte[] event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, null);
        return tree(out.toByteArray());
    }
}
