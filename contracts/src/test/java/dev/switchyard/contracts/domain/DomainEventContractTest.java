package dev.switchyard.contracts.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchyard.contracts.ContractSchemas;
import dev.switchyard.contracts.Contracts;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON text of each domain event is pinned; the schema tells the three apart. */
class DomainEventContractTest {
    private static final LocalDate D = LocalDate.of(2026, 11, 30);
    private static final Instant AT = Instant.parse("2026-12-01T00:15:00Z");

    @Test
    void shouldWriteThePinnedJson() {
        assertThat(Contracts.toJson(new DomainEvent.CategoryRunSucceeded("RAW", D, null, AT)))
                .isEqualTo("{\"Category\":\"RAW\",\"RunDate\":\"2026-11-30\",\"At\":\"2026-12-01T00:15:00Z\"}");
        assertThat(Contracts.toJson(new DomainEvent.CategoryRunBlocked("RAW", D, "prod", List.of("JOB2"), AT)))
                .isEqualTo("{\"Category\":\"RAW\",\"RunDate\":\"2026-11-30\",\"Environment\":\"prod\","
                        + "\"Blockers\":[\"JOB2\"],\"At\":\"2026-12-01T00:15:00Z\"}");
        assertThat(Contracts.toJson(new DomainEvent.CategoryTriggered("STG", D, null, List.of("RAW"), AT)))
                .isEqualTo("{\"Category\":\"STG\",\"RunDate\":\"2026-11-30\",\"Causes\":[\"RAW\"],"
                        + "\"At\":\"2026-12-01T00:15:00Z\"}");
    }

    @Test
    void shouldRefuse_whenABlockedRunNamesNoBlockers() {
        String json = "{\"Category\":\"RAW\",\"RunDate\":\"2026-11-30\",\"At\":\"2026-12-01T00:15:00Z\"}";

        assertThatThrownBy(() -> Contracts.fromJson(json, DomainEvent.CategoryRunBlocked.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CategoryRunBlocked: Blockers is missing");
    }

    @Test
    void shouldMatchNoBranch_whenAnEventMixesTwo() {
        String json = "{\"Category\":\"RAW\",\"RunDate\":\"2026-11-30\",\"Blockers\":[],\"Causes\":[],"
                + "\"At\":\"2026-12-01T00:15:00Z\"}";

        assertThat(ContractSchemas.problems(ContractSchemas.DOMAIN_EVENT, json)).isNotEmpty();
    }

    @Test
    void shouldMatchNoBranch_whenTheRunDateIsAnInstant() {
        String json = "{\"Category\":\"RAW\",\"RunDate\":\"2026-11-30T00:00:00Z\",\"At\":\"2026-12-01T00:15:00Z\"}";

        assertThat(ContractSchemas.problems(ContractSchemas.DOMAIN_EVENT, json)).isNotEmpty();
    }
}
