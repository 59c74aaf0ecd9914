package dev.switchyard.reactor.react;

import static dev.switchyard.reactor.react.Histories.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchyard.contracts.domain.DomainEvent;
import dev.switchyard.contracts.event.GlueJobEvent;
import dev.switchyard.contracts.metric.JobRunMetric;
import dev.switchyard.contracts.table.ControlTableItem;
import dev.switchyard.contracts.table.JobRunState;
import dev.switchyard.reactor.anomaly.AnomalyConfig;
import dev.switchyard.reactor.ports.GlueRuns;
import dev.switchyard.reactor.store.InMemoryItemTable;
import dev.switchyard.reactor.table.ControlTable;
import dev.switchyard.reactor.table.Stamp;
import dev.switchyard.reactor.table.StateTable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The reactor judging each successful run against the job's history as it emits the run's metric. */
class LiveAnomaliesTest {
    /** Forty minutes, give or take a few. */
    private static final long[] USUAL = {2400, 2460, 2350, 2520, 2380, 2440, 2410, 2300, 2490, 2430};

    private final List<DomainEvent> events = new ArrayList<>();
    private final List<JobRunMetric> metrics = new ArrayList<>();

    private Reactor reactor(ReactorConfig config) {
        ControlTable control = new ControlTable(new InMemoryItemTable(ControlTable.SCHEMA));
        control.put(
                ControlTableItem.of("raw_orders", "RAW", "ALL_DAYS", "NO"),
                OptionalLong.empty(),
                new Stamp("alice", T0.minusSeconds(3_600)));
        Ports ports = new Ports(GlueRuns.NONE, (category, date, env) -> "exec", metrics::add, entry -> {}, events::add);
        return new Reactor(control, new InMemoryItemTable(StateTable.SCHEMA), ports, config);
    }

    /** A run a day: {@code usual} usual ones, then one of {@code last} seconds. */
    private static void days(Reactor reactor, int usual, long last) {
        for (int day = 0; day <= usual; day++) {
            long seconds = day < usual ? USUAL[day % USUAL.length] : last;
            Instant start = T0.plus(Duration.ofDays(day));
            Instant end = start.plusSeconds(seconds);
            String runId = "jr_" + day;
            reactor.handle(
                    Histories.event(
                            runId + "-r",
                            GlueJobEvent.Kind.RUN_STATUS,
                            "raw_orders",
                            runId,
                            JobRunState.RUNNING,
                            start,
                            start),
                    start);
            reactor.handle(
                    Histories.event(
                            runId + "-e",
                            GlueJobEvent.Kind.STATE_CHANGE,
                            "raw_orders",
                            runId,
                            JobRunState.SUCCEEDED,
                            end,
                            null),
                    end);
        }
    }

    @Test
    void shouldPublishASlowRun_whenItEnds() {
        Reactor reactor = reactor(ReactorConfig.defaults().withAnomalies(AnomalyConfig.defaults()));

        days(reactor, 15, 12_000);

        assertThat(events).singleElement().isInstanceOfSatisfying(DomainEvent.JobRunAnomaly.class, anomaly -> {
            assertThat(anomaly.jobRunId()).isEqualTo("jr_15");
            assertThat(anomaly.kind()).isEqualTo(DomainEvent.JobRunAnomaly.Kind.SLOW);
            assertThat(anomaly.metricId()).isEqualTo(metrics.getLast().metricId());
            assertThat(anomaly.durationSeconds()).isEqualTo(12_000);
            assertThat(anomaly.category()).isEqualTo("RAW");
        });
    }

    @Test
    void shouldPublishNothing_forUsualRuns_norForTooShortAHistory() {
        Reactor reactor = reactor(ReactorConfig.defaults().withAnomalies(AnomalyConfig.defaults()));

        days(reactor, 15, 2_420);
        days(reactor(ReactorConfig.defaults().withAnomalies(AnomalyConfig.defaults())), 5, 12_000);

        assertThat(events).isEmpty();
    }

    @Test
    void shouldPublishAStuckRunOnce_fromTheReconcilersSweep() {
        Reactor reactor = reactor(ReactorConfig.defaults().withAnomalies(AnomalyConfig.defaults()));
        days(reactor, 15, 2_420);
        Instant start = T0.plus(Duration.ofDays(16));
        reactor.handle(
                Histories.event(
                        "jr_16-r",
                        GlueJobEvent.Kind.RUN_STATUS,
                        "raw_orders",
                        "jr_16",
                        JobRunState.RUNNING,
                        start,
                        start),
                start);
        Reconciler reconciler = new Reconciler(reactor, GlueRuns.NONE);

        Reconciler.Report early = reconciler.sweep(start.plus(Duration.ofMinutes(50)));
        Reconciler.Report late = reconciler.sweep(start.plus(Duration.ofHours(3)));
        Reconciler.Report later = reconciler.sweep(start.plus(Duration.ofHours(4)));

        assertThat(early.stuckAnomalies()).isZero();
        assertThat(late.stuckAnomalies()).isEqualTo(1);
        assertThat(later.stuckAnomalies()).as("once per run").isZero();
        assertThat(events).singleElement().isInstanceOfSatisfying(DomainEvent.JobRunAnomaly.class, anomaly -> {
            assertThat(anomaly.kind()).isEqualTo(DomainEvent.JobRunAnomaly.Kind.STUCK);
            assertThat(anomaly.jobRunId()).isEqualTo("jr_16");
            assertThat(anomaly.durationSeconds()).isEqualTo(3 * 3_600);
            assertThat(anomaly.metricId()).isNull();
        });
    }

    @Test
    void shouldNotJudge_whenAnomaliesAreOff() {
        Reactor reactor = reactor(ReactorConfig.defaults());

        days(reactor, 15, 12_000);
        Instant start = T0.plus(Duration.ofDays(16));
        reactor.handle(
                Histories.event(
                        "jr_16-r",
                        GlueJobEvent.Kind.RUN_STATUS,
                        "raw_orders",
                        "jr_16",
                        JobRunState.RUNNING,
                        start,
                        start),
                start);
        new Reconciler(reactor, GlueRuns.NONE).sweep(start.plus(Duration.ofHours(3)));

        assertThat(events).isEmpty();
        assertThat(metrics).hasSize(16);
    }
}
