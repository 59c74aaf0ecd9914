package dev.switchyard.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.contracts.Json;
import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.contracts.attr.AttrJson;
import dev.switchyard.contracts.audit.AuditEntry;
import dev.switchyard.contracts.domain.DomainEvent;
import dev.switchyard.contracts.event.GlueJobEvent;
import dev.switchyard.contracts.event.InboundEvent;
import dev.switchyard.contracts.event.Received;
import dev.switchyard.contracts.event.Rejection;
import dev.switchyard.contracts.metric.JobRunMetric;
import dev.switchyard.contracts.table.ControlTableItem;
import dev.switchyard.ingest.decode.EventDecoder;
import dev.switchyard.reactor.ports.ExecutionStarter;
import dev.switchyard.reactor.ports.GlueRuns;
import dev.switchyard.reactor.ports.Sink;
import dev.switchyard.reactor.react.CategoryRunOpener;
import dev.switchyard.reactor.react.Outcome;
import dev.switchyard.reactor.react.Ports;
import dev.switchyard.reactor.react.Reactor;
import dev.switchyard.reactor.react.ReactorConfig;
import dev.switchyard.reactor.runs.CategoryRuns;
import dev.switchyard.reactor.store.ItemTable;
import dev.switchyard.reactor.store.Utf8;
import dev.switchyard.reactor.table.ControlTable;
import dev.switchyard.sinks.Deduplicating;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Feeds recorded AWS events through the reactor against embedded stores (SPEC §7 {@code replay}). Each event
 * is handled at its own time, so a replay is exact and repeatable; an execution the reactor starts opens its
 * category run at once (planned from the embedded table, as the state machine's first step would), and an
 * event waiting for a category run to open is handled again after each opening.
 */
final class Replayer {
    /** How often progress is reported on a long file. */
    static final int PROGRESS_EVERY = 10_000;

    private final ControlTable control;
    private final CategoryRuns categoryRuns;
    private final Reactor reactor;
    private final Reactor lastChance;
    private final CategoryRunOpener opener;
    private final EventDecoder decoder = new EventDecoder();
    private final Deque<Start> toOpen = new ArrayDeque<>();
    private final List<Waiting> deferred = new ArrayList<>();
    private final Sink<Rejected> rejected;
    private final Counts counts = new Counts();

    private record Start(String category, LocalDate runDate, String environment) {}

    private record Waiting(InboundEvent event, String where, String record) {}

    /** A rejected record as {@code rejected.jsonl} holds it. */
    @JsonPropertyOrder({"Where", "Reason", "Record"})
    record Rejected(
            @JsonProperty("Where") String where,
            @JsonProperty("Reason") String reason,
            @JsonProperty("Record") String record) {}

    /** What a replay came to, for the summary. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    static final class Counts {
        @JsonProperty("Lines")
        long lines;

        @JsonProperty("Events")
        long events;

        @JsonProperty("Outcomes")
        final Map<Outcome.Kind, Long> outcomes = new EnumMap<>(Outcome.Kind.class);

        @JsonProperty("UnknownJobs")
        final Map<String, Long> unknownJobs = new TreeMap<>();

        @JsonProperty("Rejected")
        long rejected;

        /** Final events of runs no category run held: applied without a category run at the end. */
        @JsonProperty("Unattributed")
        long unattributed;

        @JsonProperty("Opened")
        final List<String> opened = new ArrayList<>();
    }

    Replayer(
            ControlTable control,
            ItemTable state,
            Sink<JobRunMetric> metrics,
            Sink<AuditEntry> audit,
            Sink<Rejected> rejected,
            GlueRuns glue,
            ReactorConfig config) {
        this.control = control;
        this.categoryRuns = new CategoryRuns(state, config.runRetention());
        ExecutionStarter starter = (category, runDate, environment) -> {
            toOpen.add(new Start(category, runDate, environment));
            return "replay:" + ExecutionStarter.executionName(category, runDate);
        };
        Sink<DomainEvent> domainEvents = Sink.discard();
        Ports ports = new Ports(glue, starter, metrics, audit, domainEvents);
        // A job's final event waits for a category run holding the job to open; what still waits at the end
        // is handled as AWS would handle a run Switchyard did not start: status, record and metric only.
        this.reactor = new Reactor(control, state, ports, config.forReplay());
        this.lastChance = new Reactor(control, state, ports, config);
        this.opener = new CategoryRunOpener(control, categoryRuns);
        this.rejected = rejected;
    }

    /** Metric and audit sinks into {@code dir} that pass each id once, as consumers de-duplicate. */
    static Sink<JobRunMetric> metricsFile(Sink<JobRunMetric> file) {
        return new Deduplicating<>(
                file, JobRunMetric::metricId, Integer.MAX_VALUE); // a replay is bounded: remember every id
    }

    static Sink<AuditEntry> auditFile(Sink<AuditEntry> file) {
        return new Deduplicating<>(file, AuditEntry::auditId, Integer.MAX_VALUE);
    }

    /** What one pass over the file tells before the replay: Glue's runs, and the earliest event time. */
    record Scan(RecordedRuns runs, Instant earliest) {}

    /**
     * Reads the file once: what the recording says of each Glue run, and the earliest time of an event, when
     * the embedded copy is made and the planned runs open (so that neither depends on the order of lines).
     */
    static Scan scan(Path events) throws IOException {
        RecordedRuns runs = new RecordedRuns();
        EventDecoder decoder = new EventDecoder();
        Instant earliest = null;
        try (BufferedReader reader = Files.newBufferedReader(events)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                for (Received received : decode(decoder, line, "")) {
                    if (received instanceof Received.Accepted accepted) {
                        InboundEvent event = accepted.event();
                        earliest = earliest == null || event.time().isBefore(earliest) ? event.time() : earliest;
                        if (event instanceof GlueJobEvent glue) {
                            runs.add(glue);
                        }
                    }
                }
            }
        }
        return new Scan(runs, earliest == null ? Instant.EPOCH : earliest);
    }

    Counts counts() {
        return counts;
    }

    /** Replays a file of events, after opening the category runs of {@code plans} at {@code start}. */
    void replay(Path events, List<Map.Entry<String, LocalDate>> plans, Instant start, Consumer<Long> progress)
            throws IOException {
        plans.forEach(p -> toOpen.add(new Start(p.getKey(), p.getValue(), null)));
        drain(start);
        try (BufferedReader reader = Files.newBufferedReader(events)) {
            String line;
            while ((line = reader.readLine()) != null) {
                counts.lines++;
                if (counts.lines % PROGRESS_EVERY == 0) {
                    progress.accept(counts.lines);
                }
                if (line.isBlank()) {
                    continue;
                }
                String where = "line " + counts.lines;
                for (Received received : decode(decoder, line, where)) {
                    switch (received) {
                        case Received.Rejected r -> reject(r.rejection());
                        case Received.Accepted accepted -> {
                            counts.events++;
                            handle(accepted.event(), where, line);
                        }
                    }
                }
            }
        }
        List<Waiting> unattributed = new ArrayList<>(deferred);
        deferred.clear();
        for (Waiting waiting : unattributed) {
            counts.unattributed++;
            Outcome outcome = lastChance.handle(waiting.event(), waiting.event().time());
            if (outcome.kind() == Outcome.Kind.DEFERRED) {
                reject(new Rejection(
                        waiting.where(),
                        "the category run it belongs to was never opened (" + outcome.detail()
                                + "); replay with --plan CATEGORY@DATE for it",
                        waiting.record()));
            } else {
                count(waiting.event(), outcome);
            }
            drain(waiting.event().time());
        }
    }

    private static List<Received> decode(EventDecoder decoder, String line, String where) {
        // A whole Lambda stream event ({"Records": [...]}) on one line is accepted too.
        if (line.stripLeading().startsWith("{\"Records\"")) {
            return decoder.decodeLambdaStreamEvent(line).stream()
                    .map(r -> r instanceof Received.Rejected rej
                            ? new Received.Rejected(new Rejection(
                                    where + ", " + rej.rejection().where(),
                                    rej.rejection().reason(),
                                    rej.rejection().record()))
                            : r)
                    .toList();
        }
        return List.of(decoder.decode(line, where));
    }

    /** Handles an event; one that waits for a category run is counted when it is handled at last. */
    private void handle(InboundEvent event, String where, String record) {
        Outcome outcome = reactor.handle(event, event.time());
        if (outcome.kind() == Outcome.Kind.DEFERRED) {
            deferred.add(new Waiting(event, where, record));
        } else {
            count(event, outcome);
        }
        drain(event.time());
    }

    private void count(InboundEvent event, Outcome outcome) {
        counts.outcomes.merge(outcome.kind(), 1L, Long::sum);
        if (outcome.kind() == Outcome.Kind.UNKNOWN_JOB && event instanceof GlueJobEvent glue) {
            counts.unknownJobs.merge(glue.jobName(), 1L, Long::sum);
        }
    }

    /** Opens the runs the reactor started, chaining from empty ones, and hands waiting events back. */
    private void drain(Instant now) {
        boolean opened = false;
        while (!toOpen.isEmpty()) {
            Start start = toOpen.poll();
            CategoryRunOpener.Opened run = opener.open(start.category(), start.runDate(), start.environment(), now);
            if (run.run().created()) {
                counts.opened.add(start.category() + "@" + start.runDate());
            }
            reactor.opened(run.run().run(), now);
            opened = true;
        }
        if (opened && !deferred.isEmpty()) {
            List<Waiting> again = new ArrayList<>(deferred);
            deferred.clear();
            for (Waiting waiting : again) {
                handle(waiting.event(), waiting.where(), waiting.record());
            }
        }
    }

    private void reject(Rejection rejection) {
        counts.rejected++;
        rejected.accept(new Rejected(rejection.where(), rejection.reason(), rejection.record()));
    }

    /** The job items, in JobName order, as plain JSON objects. */
    List<JsonNode> table() {
        List<Map<String, Attr>> items = new ArrayList<>(control.all());
        items.sort((a, b) -> Utf8.compare(name(a), name(b)));
        return items.stream().<JsonNode>map(Replayer::ordered).toList();
    }

    /** SPEC §1's columns first in its order, then the others by name: the same text however items were written. */
    private static JsonNode ordered(Map<String, Attr> item) {
        ObjectNode object = Json.mapper().createObjectNode();
        for (String column : ControlTableItem.COLUMNS) {
            if (item.containsKey(column)) {
                object.set(column, AttrJson.toJson(item.get(column)));
            }
        }
        new TreeMap<>(item).forEach((column, value) -> {
            if (!object.has(column)) {
                object.set(column, AttrJson.toJson(value));
            }
        });
        return object;
    }

    private static String name(Map<String, Attr> item) {
        return item.get("JobName") instanceof Attr.S s ? s.value() : "";
    }

    static String json(Object value) throws IOException {
        return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value);
    }
}
