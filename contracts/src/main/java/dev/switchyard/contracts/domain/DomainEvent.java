package dev.switchyard.contracts.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What the reactor tells other systems about category runs (SPEC §4), published to an EventBridge bus
 * when one is configured: source {@value #SOURCE}, detail type the record's name. Published at least once;
 * {@code (Category, RunDate)} identifies the run.
 */
public sealed interface DomainEvent {
    String SOURCE = "switchyard";

    String category();

    LocalDate runDate();

    Instant at();

    /** The EventBridge detail type. */
    default String detailType() {
        return getClass().getSimpleName();
    }

    /** Every job of the run's manifest succeeded. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"Category", "RunDate", "Environment", "At"})
    record CategoryRunSucceeded(
            @JsonProperty("Category") String category,
            @JsonProperty("RunDate") LocalDate runDate,
            @JsonProperty("Environment") String environment,
            @JsonProperty("At") Instant at)
            implements DomainEvent {
        public CategoryRunSucceeded {
            check(category, runDate, at);
        }
    }

    /** Every job has a final result and these did not succeed; a successful re-run unblocks the run. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"Category", "RunDate", "Environment", "Blockers", "At"})
    record CategoryRunBlocked(
            @JsonProperty("Category") String category,
            @JsonProperty("RunDate") LocalDate runDate,
            @JsonProperty("Environment") String environment,
            @JsonProperty("Blockers") List<String> blockers,
            @JsonProperty("At") Instant at)
            implements DomainEvent {
        public CategoryRunBlocked {
            check(category, runDate, at);
            blockers = List.copyOf(Objects.requireNonNull(blockers, "Blockers"));
        }
    }

    /** A downstream category run was started because its upstream runs succeeded. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"Category", "RunDate", "Environment", "Causes", "At"})
    record CategoryTriggered(
            @JsonProperty("Category") String category,
            @JsonProperty("RunDate") LocalDate runDate,
            @JsonProperty("Environment") String environment,
            @JsonProperty("Causes") List<String> causes,
            @JsonProperty("At") Instant at)
            implements DomainEvent {
        public CategoryTriggered {
            check(category, runDate, at);
            causes = List.copyOf(Objects.requireNonNull(causes, "Causes"));
        }
    }

    private static void check(String category, LocalDate runDate, Instant at) {
        Objects.requireNonNull(category, "Category");
        Objects.requireNonNull(runDate, "RunDate");
        Objects.requireNonNull(at, "At");
    }
}
