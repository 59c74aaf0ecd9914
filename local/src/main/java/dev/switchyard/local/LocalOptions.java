package dev.switchyard.local;

import dev.switchyard.contracts.audit.AuditEntry;
import dev.switchyard.contracts.metric.JobRunMetric;
import dev.switchyard.reactor.ports.Sink;
import dev.switchyard.statemachine.Sleeper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Objects;

/**
 * How a local run is set up (see {@link LocalOrchestrator}).
 *
 * @param definition the state machine definition; null: the packaged {@code infra/statemachine.asl.json}
 * @param zone where "today" is when no date is given
 * @param metricsFile where metrics are appended; null: {@code .switchyard/metrics.jsonl}
 * @param auditFile where audit entries are appended; null: {@code .switchyard/audit.jsonl}
 * @param moreMetrics where metrics go as well as to the file (Kafka), after it; its first failure turns it off
 *     for the rest of the run and fails the run
 * @param moreAudit where audit entries go as well as to the file (Kafka), likewise
 */
public record LocalOptions(
        Path definition,
        ZoneId zone,
        Clock clock,
        Sleeper sleeper,
        Path metricsFile,
        Path auditFile,
        Sink<JobRunMetric> moreMetrics,
        Sink<AuditEntry> moreAudit,
        int concurrencyCap) {
    /**
     * On one machine every running job is a process: at most this many at once, whatever a category's
     * MaxConcurrency says (0 there means no limit). Step Functions runs an inline Map 40 at a time at most.
     */
    public static final int DEFAULT_CONCURRENCY_CAP = 64;

    public LocalOptions {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(moreMetrics, "moreMetrics");
        Objects.requireNonNull(moreAudit, "moreAudit");
        if (concurrencyCap < 1) {
            throw new IllegalArgumentException("the concurrency cap must be at least 1: " + concurrencyCap);
        }
    }

    public static LocalOptions defaults() {
        return new LocalOptions(
                null,
                ZoneId.of("UTC"),
                Clock.systemUTC(),
                Sleeper.REAL,
                null,
                null,
                Sink.discard(),
                Sink.discard(),
                DEFAULT_CONCURRENCY_CAP);
    }

    public LocalOptions withDefinition(Path file) {
        return new LocalOptions(
                file, zone, clock, sleeper, metricsFile, auditFile, moreMetrics, moreAudit, concurrencyCap);
    }

    public LocalOptions withZone(ZoneId zone) {
        return new LocalOptions(
                definition, zone, clock, sleeper, metricsFile, auditFile, moreMetrics, moreAudit, concurrencyCap);
    }

    public LocalOptions withSinks(Path metrics, Path audit) {
        return new LocalOptions(
                definition, zone, clock, sleeper, metrics, audit, moreMetrics, moreAudit, concurrencyCap);
    }

    /** Metrics and audit entries go to these as well as to the files (after them). */
    public LocalOptions withMoreSinks(Sink<JobRunMetric> metrics, Sink<AuditEntry> audit) {
        return new LocalOptions(
                definition, zone, clock, sleeper, metricsFile, auditFile, metrics, audit, concurrencyCap);
    }

    public LocalOptions withConcurrencyCap(int cap) {
        return new LocalOptions(definition, zone, clock, sleeper, metricsFile, auditFile, moreMetrics, moreAudit, cap);
    }
}
