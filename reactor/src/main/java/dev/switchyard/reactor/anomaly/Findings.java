package dev.switchyard.reactor.anomaly;

import dev.switchyard.contracts.domain.DomainEvent.JobRunAnomaly;
import java.util.List;

/**
 * What judging runs found: the anomalies, in the order the runs started, and how many runs were judged.
 *
 * @param judged runs compared with a baseline
 * @param tooFewRuns runs that would have been judged but had fewer earlier successful runs than the config's
 *     {@code minRuns} (a new job's first runs)
 */
public record Findings(List<JobRunAnomaly> anomalies, int judged, int tooFewRuns) {
    public Findings {
        anomalies = List.copyOf(anomalies);
        if (judged < 0 || tooFewRuns < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
    }
}
