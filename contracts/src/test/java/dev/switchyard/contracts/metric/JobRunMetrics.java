package dev.switchyard.contracts.metric;

import dev.switchyard.contracts.ContractValues;
import dev.switchyard.contracts.table.JobRunState;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators of valid job-run metrics: every optional field sometimes absent. */
public final class JobRunMetrics {
    private JobRunMetrics() {}

    /** The final states, the only ones a metric can have. */
    public static Arbitrary<JobRunState> finalStates() {
        return Arbitraries.of(Arrays.stream(JobRunState.values())
                .filter(JobRunState::isTerminal)
                .toList());
    }

    private record Identity(String jobName, String category, String environment, LocalDate runDate, String runId) {}

    private record Times(
            Instant startedOn, Instant completedOn, Long duration, Long executionTime, Instant emittedAt) {}

    private record Capacity(Integer attempt, Double maxCapacity, String workerType, Integer workers) {}

    /** Any valid metric. */
    public static Arbitrary<JobRunMetric> metrics() {
        Arbitrary<Identity> identity = Combinators.combine(
                        ContractValues.names(),
                        ContractValues.names().injectNull(0.2),
                        Arbitraries.of("dev", "prod", "test-Ω").injectNull(0.4),
                        ContractValues.dates().injectNull(0.2),
                        Arbitraries.strings()
                                .withCharRange('a', 'f')
                                .numeric()
                                .ofLength(64)
                                .map(hex -> "jr_" + hex))
                .as(Identity::new);
        Arbitrary<Times> times = Combinators.combine(
                        ContractValues.instants().injectNull(0.2),
                        ContractValues.instants().injectNull(0.2),
                        Arbitraries.longs().between(0, Long.MAX_VALUE).injectNull(0.3),
                        Arbitraries.longs().between(0, Long.MAX_VALUE).injectNull(0.3),
                        ContractValues.instants())
                .as(Times::new);
        Arbitrary<Capacity> capacity = Combinators.combine(
                        Arbitraries.integers().injectNull(0.3),
                        Arbitraries.doubles().between(0, 100_000).injectNull(0.3),
                        Arbitraries.of("Standard", "G.1X", "G.2X", "G.025X", "Z.2X")
                                .injectNull(0.3),
                        Arbitraries.integers().injectNull(0.3))
                .as(Capacity::new);
        return Combinators.combine(
                        identity,
                        finalStates(),
                        times,
                        capacity,
                        ContractValues.texts().injectNull(0.5))
                .as((id, state, t, c, error) -> new JobRunMetric(
                        JobRunMetric.SCHEMA_VERSION,
                        JobRunMetric.metricId(id.jobName(), id.runId(), state),
                        id.jobName(),
                        id.category(),
                        id.environment(),
                        id.runDate(),
                        id.runId(),
                        state,
                        t.startedOn(),
                        t.completedOn(),
                        t.duration(),
                        t.executionTime(),
                        c.attempt(),
                        c.maxCapacity(),
                        c.workerType(),
                        c.workers(),
                        error,
                        t.emittedAt()));
    }
}
