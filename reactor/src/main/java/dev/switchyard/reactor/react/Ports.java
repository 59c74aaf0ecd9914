package dev.switchyard.reactor.react;

import dev.switchyard.contracts.audit.AuditEntry;
import dev.switchyard.contracts.domain.DomainEvent;
import dev.switchyard.contracts.metric.JobRunMetric;
import dev.switchyard.reactor.ports.ExecutionStarter;
import dev.switchyard.reactor.ports.GlueRuns;
import dev.switchyard.reactor.ports.Sink;
import java.util.Objects;

/**
 * The services the reactor calls besides its stores: Glue for run details, the orchestrator to start
 * triggered runs, and the sinks of what it derives.
 */
public record Ports(
        GlueRuns glue,
        ExecutionStarter starter,
        Sink<JobRunMetric> metrics,
        Sink<AuditEntry> audit,
        Sink<DomainEvent> domainEvents) {

    public Ports {
        Objects.requireNonNull(glue, "glue");
        Objects.requireNonNull(starter, "starter");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(domainEvents, "domainEvents");
    }
}
