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
                                r.category(), r.runDate(), r.environment(), causes, r.at())));
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
