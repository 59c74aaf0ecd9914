package dev.switchyard.reactor.react;

import dev.switchyard.reactor.anomaly.AnomalyConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * How the reactor behaves where SPEC leaves a number open.
 *
 * @param actor the {@code UpdatedBy} of the reactor's writes and the {@code TriggeredBy} of its triggers
 * @param historyRetention how long run records are kept (DynamoDB's time to live removes them)
 * @param runRetention how long category runs and trigger markers are kept: far longer than any event about
 *     their run date can still arrive, or a very late redelivery could trigger a run again
 * @param stuckAfter a run that has looked non-final for longer than this is asked of Glue by reconciliation
 * @param lookBack how many of a category's latest runs attribution and reconciliation look at
 * @param deferUnattributed whether a final event that neither Glue's arguments nor any category run attribute
 *     waits (is deferred) for a category run to open: right for a replay, which cannot ask Glue and may meet
 *     a job's events before its run opens; not on AWS, where such a run is one Switchyard did not start
 * @param anomalies how each successful run is judged against its job's history, a {@code JobRunAnomaly} domain
 *     event published when it is far outside it; null: not judged (one history query per run saved, for a
 *     deployment without an event bus)
 */
public record ReactorConfig(
        String actor,
        Duration historyRetention,
        Duration runRetention,
        Duration stuckAfter,
        int lookBack,
        boolean deferUnattributed,
        AnomalyConfig anomalies) {

    public ReactorConfig {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(historyRetention, "historyRetention");
        Objects.requireNonNull(runRetention, "runRetention");
        Objects.requireNonNull(stuckAfter, "stuckAfter");
        if (lookBack < 1) {
            throw new IllegalArgumentException("lookBack must be at least 1, not " + lookBack);
        }
    }

    /** Run records for 400 days (a year of baselines), category runs and triggers for 400 days, stuck after 2 h. */
    public static ReactorConfig defaults() {
        return new ReactorConfig(
                "switchyard-reactor", Duration.ofDays(400), Duration.ofDays(400), Duration.ofHours(2), 7, false, null);
    }

    /** The same, for a replay of recorded events: see {@code deferUnattributed}. */
    public ReactorConfig forReplay() {
        return new ReactorConfig(actor, historyRetention, runRetention, stuckAfter, lookBack, true, anomalies);
    }

    /** The same, with another threshold for reconciliation. */
    public ReactorConfig withStuckAfter(Duration stuckAfter) {
        return new ReactorConfig(
                actor, historyRetention, runRetention, stuckAfter, lookBack, deferUnattributed, anomalies);
    }

    /** The same, judging each successful run for anomalies with {@code anomalies} (null: not judging). */
    public ReactorConfig withAnomalies(AnomalyConfig anomalies) {
        return new ReactorConfig(
                actor, historyRetention, runRetention, stuckAfter, lookBack, deferUnattributed, anomalies);
    }

    /** The same, with another actor. */
    public ReactorConfig withActor(String actor) {
        return new ReactorConfig(
                actor, historyRetention, runRetention, stuckAfter, lookBack, deferUnattributed, anomalies);
    }
}
