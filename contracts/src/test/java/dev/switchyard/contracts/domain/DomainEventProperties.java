package dev.switchyard.contracts.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchyard.contracts.ContractSchemas;
import dev.switchyard.contracts.ContractValues;
import dev.switchyard.contracts.Contracts;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Every domain event survives JSON unchanged and matches exactly one branch of its schema. */
class DomainEventProperties {

    private record Run(String category, LocalDate runDate, String environment, Instant at) {}

    private static Arbitrary<Run> runs() {
        return Combinators.combine(
                        ContractValues.names(),
                        ContractValues.dates(),
                        Arbitraries.of("dev", "prod").injectNull(0.4),
                        ContractValues.instants())
                .as(Run::new);
    }

    private static Arbitrary<List<String>> names() {
        return ContractValues.names().list().ofMaxSize(4);
    }

    @Provide
    Arbitrary<DomainEvent> events() {
        return Arbitraries.oneOf(
                runs().map(r ->
                        new DomainEvent.CategoryRunSucceeded(r.category(), r.runDate(), r.environment(), r.at())),
                Combinators.combine(runs(), names())
                        .as((r, blockers) -> new DomainEvent.CategoryRunBlocked(
                                r.category(), r.runDate(), r.environment(), blockers, r.at())),
                Combinators.combine(runs(), names())
                        .as((r, causes) -> new DomainEvent.CategoryTriggered(
                                r.category(), r.runDate(), r.environment(), causes, r.at())),
                anomalies());
    }

    private record Judged(String jobName, String jobRunId, DomainEvent.JobRunAnomaly.Kind kind, String metricId) {}

    private record Baseline(long durationSeconds, double medianSeconds, double madSeconds, int runs, double score) {}

    private static Arbitrary<Double> seconds() {
        return Arbitraries.oneOf(
                Arbitraries.longs().between(0, 400_000).map(Long::doubleValue),
                Arbitraries.doubles().between(0, 1e12),
                Arbitraries.of(0.0, 0.5, Double.MIN_VALUE, Double.MAX_VALUE));
    }

    /** Anomalies of every kind, with and without a category or run date, with scores of both signs. */
    private static Arbitrary<DomainEvent> anomalies() {
        Arbitrary<Judged> judged = Combinators.combine(
                        ContractValues.names(),
                        ContractValues.names(),
                        Arbitraries.of(DomainEvent.JobRunAnomaly.Kind.class),
                        Arbitraries.strings()
                                .withCharRange('0', '9')
                                .withCharRange('a', 'f')
                                .ofLength(32))
                .as((job, run, kind, metric) ->
                        new Judged(job, run, kind, kind == DomainEvent.JobRunAnomaly.Kind.STUCK ? null : metric));
        Arbitrary<Baseline> baseline = Combinators.combine(
                        Arbitraries.longs().between(0, Long.MAX_VALUE),
                        seconds(),
                        seconds(),
                        Arbitraries.integers().between(1, 10_000),
                        Arbitraries.doubles().between(-1e6, 1e6))
                .as(Baseline::new);
        return Combinators.combine(
                        judged,
                        ContractValues.names().injectNull(0.3),
                        ContractValues.dates().injectNull(0.3),
                        Arbitraries.of("dev", "prod").injectNull(0.4),
                        baseline,
                        ContractValues.instants())
                .as((j, category, runDate, environment, b, at) -> new DomainEvent.JobRunAnomaly(
                        j.jobName(),
                        category,
                        runDate,
                        environment,
                        j.jobRunId(),
                        j.metricId(),
                        j.kind(),
                        b.durationSeconds(),
                        b.medianSeconds(),
                        b.madSeconds(),
                        b.runs(),
                        b.score(),
                        at));
    }

    @Property(tries = 500)
    void shouldReadBackEqual_whenWrittenAsJson(@ForAll("events") DomainEvent event) {
        String json = Contracts.toJson(event);

        assertThat(Contracts.fromJson(json, event.getClass())).isEqualTo(event);
    }

    @Property(tries = 500)
    void shouldWriteOneLineThatMatchesTheSchema(@ForAll("events") DomainEvent event) {
        String json = Contracts.toJson(event);

        assertThat(json).doesNotContain("\n", "\r");
        assertThat(ContractSchemas.problems(ContractSchemas.DOMAIN_EVENT, json))
                .as(json)
                .isEmpty();
    }
}
