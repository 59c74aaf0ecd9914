package dev.switchyard.contracts.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchyard.contracts.ContractSchemas;
import dev.switchyard.contracts.Contracts;
import dev.switchyard.contracts.domain.DomainEvent.JobRunAnomaly;
import dev.switchyard.contracts.domain.DomainEvent.JobRunAnomaly.Kind;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON text of each domain event is pinned; the schema tells the four apart. */
class DomainEventContractTest {
    private static final LocalDate D = LocalDate.of(2026, 11, 30);
    private static final Instant AT = Instant.parse("2026-12-01T00:15:00Z");

    @Test
    void shouldWriteThePinnedJson() {
        assertThat(Contracts.toJson(new DomainEvent.CategoryRunSucceeded("RAW", D, null, AT)))
                .isEqualTo("{\"SchemaVersion\":1,\"Category\":\"RAW\",\"RunDate\":\"2026-11-30\","
                        + "\"At\":\"2026-12-01T00:15:00Z\"}");
        assertThat(Contracts.toJson(new DomainEvent.CategoryRunBlocked("RAW", D, "prod", List.of("JOB2"), AT)))
                .isEqualTo("{\"SchemaVersion\":1,\"Category\":\"RAW\",\"RunDate\":\"2026-11-30\","
                        + "\"Environment\":\"prod\","
                        + "\"Blockers\":[\"JOB2\"],\"At\":\"2026-12-01T00:15:00Z\"}");
        assertThat(Contracts.toJson(new DomainEvent.CategoryTriggered("STG", D, null, List.of("RAW"), AT)))
                .isEqualTo("{\"SchemaVersion\":1,\"Category\":\"STG\",\"RunDate\":\"2026-11-30\","
                        + "\"Causes\":[\"RAW\"],"
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

    private static final JobRunAnomaly SLOW = new JobRunAnomaly(
            "raw_orders",
            "RAW",
            D,
            "prod",
            "jr_0042",
            "8f2c9a1d0b7e4c3a",
            Kind.SLOW,
            7_260,
            2_400.5,
            180.0,
            30,
            11.84,
            AT);

    @Test
    void shouldWriteThePinnedJsonOfAnAnomaly() {
        assertThat(Contracts.toJson(SLOW))
                .isEqualTo("{\"SchemaVersion\":1,\"JobName\":\"raw_orders\",\"Category\":\"RAW\","
                        + "\"RunDate\":\"2026-11-30\",\"Environment\":\"prod\",\"JobRunId\":\"jr_0042\","
                        + "\"MetricId\":\"8f2c9a1d0b7e4c3a\",\"Kind\":\"SLOW\",\"DurationSeconds\":7260,"
                        + "\"BaselineMedianSeconds\":2400.5,\"BaselineMadSeconds\":180.0,\"BaselineRuns\":30,"
                        + "\"Score\":11.84,\"At\":\"2026-12-01T00:15:00Z\"}");
        assertThat(SLOW.detailType()).isEqualTo("JobRunAnomaly");
        assertThat(SLOW.subject()).isEqualTo("raw_orders run jr_0042");
    }

    @Test
    void shouldLeaveOutTheCategoryDateAndMetric_ofAStuckRunOfAJobWithoutThem() {
        JobRunAnomaly stuck =
                new JobRunAnomaly("adhoc", null, null, null, "jr_7", null, Kind.STUCK, 9_000, 600, 30, 12, 59.1, AT);

        String json = Contracts.toJson(stuck);

        assertThat(json)
                .isEqualTo("{\"SchemaVersion\":1,\"JobName\":\"adhoc\",\"JobRunId\":\"jr_7\",\"Kind\":\"STUCK\","
                        + "\"DurationSeconds\":9000,\"BaselineMedianSeconds\":600.0,\"BaselineMadSeconds\":30.0,"
                        + "\"BaselineRuns\":12,\"Score\":59.1,\"At\":\"2026-12-01T00:15:00Z\"}");
        assertThat(Contracts.fromJson(json, JobRunAnomaly.class)).isEqualTo(stuck);
        assertThat(ContractSchemas.problems(ContractSchemas.DOMAIN_EVENT, json)).isEmpty();
    }

    @Test
    void shouldRefuseAnAnomaly_whoseMetricDoesNotFitItsKind() {
        assertThatThrownBy(() ->
                        new JobRunAnomaly("j", "RAW", D, null, "jr_1", null, Kind.FAST, 2, 2_400, 100, 30, -9.4, AT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("MetricId is missing: a FAST run is judged from its metric");
        assertThatThrownBy(() ->
                        new JobRunAnomaly("j", "RAW", D, null, "jr_1", "m", Kind.STUCK, 2, 2_400, 100, 30, 9.4, AT))
                .hasMessageContaining("MetricId must be absent for a STUCK run");
        String noMetric = Contracts.toJson(SLOW).replace("\"MetricId\":\"8f2c9a1d0b7e4c3a\",", "");
        assertThat(ContractSchemas.problems(ContractSchemas.DOMAIN_EVENT, noMetric))
                .as("the schema asks for the metric of a SLOW run too")
                .isNotEmpty();
    }

    @Test
    void shouldRefuseAnAnomaly_withoutAScoreOrWithNegativeSeconds() {
        assertThatThrownBy(() -> new JobRunAnomaly(
                        "j", null, null, null, "jr_1", "m", Kind.SLOW, 20, 10, 0, 30, Double.POSITIVE_INFINITY, AT))
                .hasMessage("Score Infinity is not a number");
        assertThatThrownBy(() -> new JobRunAnomaly("j", null, null, null, "jr_1", "m", Kind.SLOW, -1, 10, 0, 30, 9, AT))
                .hasMessage("DurationSeconds -1 is negative");
        assertThatThrownBy(() -> new JobRunAnomaly("j", null, null, null, "jr_1", "m", Kind.SLOW, 1, 10, -2, 30, 9, AT))
                .hasMessage("BaselineMadSeconds -2.0 is not a number of seconds");
        assertThatThrownBy(() -> new JobRunAnomaly("j", null, null, null, "jr_1", "m", Kind.SLOW, 1, 10, 2, 0, 9, AT))
                .hasMessage("BaselineRuns 0 is not a count of runs");
    }

    @Test
    void shouldReadBackTheSchemaVersion_andRefuseAnother() {
        String json = Contracts.toJson(new DomainEvent.CategoryRunSucceeded("RAW", D, null, AT));

        assertThat(Contracts.fromJson(json, DomainEvent.CategoryRunSucceeded.class)
                        .schemaVersion())
                .isEqualTo(1);
        assertThat(Contracts.fromJson(json.replace("\"SchemaVersion\":1,", ""), DomainEvent.CategoryRunSucceeded.class))
                .as("events written before SchemaVersion was added are still read")
                .isEqualTo(new DomainEvent.CategoryRunSucceeded("RAW", D, null, AT));
        assertThatThrownBy(() -> Contracts.fromJson(
                        json.replace("\"SchemaVersion\":1", "\"SchemaVersion\":2"),
                        DomainEvent.CategoryRunSucceeded.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SchemaVersion 2 is not supported; this version reads 1");
        assertThat(ContractSchemas.problems(
                        ContractSchemas.DOMAIN_EVENT, json.replace("\"SchemaVersion\":1", "\"SchemaVersion\":2")))
                .isNotEmpty();
    }
}
