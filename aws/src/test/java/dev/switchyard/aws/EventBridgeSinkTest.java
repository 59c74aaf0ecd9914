package dev.switchyard.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.aws.FakeAwsServer.Response;
import dev.switchyard.contracts.Json;
import dev.switchyard.contracts.domain.DomainEvent;
import dev.switchyard.contracts.domain.DomainEvent.CategoryRunBlocked;
import dev.switchyard.contracts.domain.DomainEvent.CategoryTriggered;
import dev.switchyard.contracts.domain.DomainEvent.JobRunAnomaly;
import dev.switchyard.reactor.ports.TransientFailureException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

class EventBridgeSinkTest {
    private static final DomainEvent TRIGGERED = new CategoryTriggered(
            "STG", LocalDate.parse("2026-11-30"), "prod", List.of("RAW"), Instant.parse("2026-11-30T09:00:05Z"));

    private final FakeAwsServer eventBridge = new FakeAwsServer();
    private final EventBridgeClient client = AwsClients.eventBridge(eventBridge.settings());
    private final EventBridgeSink sink = new EventBridgeSink(client, "switchyard-bus");

    @AfterEach
    void close() {
        client.close();
        eventBridge.close();
    }

    @Test
    void shouldPutTheEventAsOneEntryOnTheBus() throws Exception {
        eventBridge.answer(accepted());

        sink.accept(TRIGGERED);

        FakeAwsServer.Request request = eventBridge.onlyRequest();
        assertThat(request.target()).isEqualTo("AWSEvents.PutEvents");
        JsonNode entries = request.json().path("Entries");
        assertThat(entries).hasSize(1);
        JsonNode entry = entries.get(0);
        assertThat(entry.path("Source").asText()).isEqualTo("switchyard");
        assertThat(entry.path("DetailType").asText()).isEqualTo("CategoryTriggered");
        assertThat(entry.path("EventBusName").asText()).isEqualTo("switchyard-bus");
        assertThat(entry.path("Detail").asText()).isEqualTo(Json.mapper().writeValueAsString(TRIGGERED));
        assertThat(Json.mapper().readTree(entry.path("Detail").asText()))
                .isEqualTo(Json.mapper().readTree("""
                                {"SchemaVersion": 1, "Category": "STG", "RunDate": "2026-11-30",
                                 "Environment": "prod", "Causes": ["RAW"], "At": "2026-11-30T09:00:05Z"}"""));
    }

    @Test
    void shouldNameTheDetailTypeForTheEvent() {
        eventBridge.answer(accepted());

        sink.accept(new CategoryRunBlocked(
                "RAW", LocalDate.parse("2026-11-30"), null, List.of("JOB2"), Instant.parse("2026-11-30T08:40:00Z")));

        JsonNode entry = eventBridge.onlyRequest().json().path("Entries").get(0);
        assertThat(entry.path("DetailType").asText()).isEqualTo("CategoryRunBlocked");
        assertThat(entry.path("Detail").asText()).doesNotContain("Environment");
    }

    @Test
    void shouldPutAnAnomalyOfAJobWithoutCategoryOrRunDate() throws Exception {
        eventBridge.answer(accepted());
        JobRunAnomaly stuck = new JobRunAnomaly(
                "adhoc_export",
                null,
                null,
                null,
                "jr_7",
                null,
                JobRunAnomaly.Kind.STUCK,
                9_000,
                600,
                30,
                12,
                59.1,
                Instant.parse("2026-11-30T09:00:05Z"));

        sink.accept(stuck);

        JsonNode entry = eventBridge.onlyRequest().json().path("Entries").get(0);
        assertThat(entry.path("DetailType").asText()).isEqualTo("JobRunAnomaly");
        assertThat(Json.mapper().readTree(entry.path("Detail").asText()))
                .isEqualTo(Json.mapper().readTree("""
                                {"SchemaVersion": 1, "JobName": "adhoc_export", "JobRunId": "jr_7", "Kind": "STUCK",
                                 "DurationSeconds": 9000, "BaselineMedianSeconds": 600.0, "BaselineMadSeconds": 30.0,
                                 "BaselineRuns": 12, "Score": 59.1, "At": "2026-11-30T09:00:05Z"}"""));
    }

    @Test
    void shouldNameTheJobRun_whenAnAnomalyIsRefused() {
        eventBridge.answer(rejected("AccessDeniedException", "not allowed"));
        JobRunAnomaly slow = new JobRunAnomaly(
                "raw_orders",
                null,
                null,
                null,
                "jr_42",
                "m42",
                JobRunAnomaly.Kind.SLOW,
                9_000,
                600,
                30,
                12,
                40.2,
                Instant.parse("2026-11-30T09:00:05Z"));

        assertThatThrownBy(() -> sink.accept(slow))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("PutEvents of JobRunAnomaly raw_orders run jr_42 to event bus switchyard-bus")
                .hasMessageNotContaining("null");
    }

    @Test
    void shouldThrowTransient_whenTheEntryWasThrottled() {
        eventBridge.answer(rejected("ThrottlingException", "Rate exceeded"));

        assertThatThrownBy(() -> sink.accept(TRIGGERED))
                .isInstanceOf(TransientFailureException.class)
                .hasMessageContaining("ThrottlingException")
                .hasMessageContaining("switchyard-bus");
    }

    @Test
    void shouldThrowTransient_whenTheEntryFailedInternally() {
        eventBridge.answer(rejected("InternalFailure", "Internal failure"));

        assertThatThrownBy(() -> sink.accept(TRIGGERED))
                .isInstanceOf(TransientFailureException.class)
                .hasMessageContaining("InternalFailure");
    }

    @Test
    void shouldThrowIllegalState_whenTheEntryIsRefusedForGood() {
        eventBridge.answer(rejected("NotAuthorizedForSourceException", "Not authorized for the source"));

        assertThatThrownBy(() -> sink.accept(TRIGGERED))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessageContaining("NotAuthorizedForSourceException")
                .hasMessageContaining("CategoryTriggered STG@2026-11-30");
    }

    @Test
    void shouldThrowTransient_whenTheCallIsThrottled() {
        eventBridge.answer(Response.error(400, "ThrottlingException", "Rate exceeded"));

        assertThatThrownBy(() -> sink.accept(TRIGGERED)).isInstanceOf(TransientFailureException.class);
    }

    @Test
    void shouldThrowTransient_whenEventBridgeFailsWith5xx() {
        eventBridge.answer(Response.error(500, "InternalException", "internal error"));

        assertThatThrownBy(() -> sink.accept(TRIGGERED)).isInstanceOf(TransientFailureException.class);
    }

    @Test
    void shouldThrowIllegalState_whenTheBusDoesNotExist() {
        eventBridge.answer(
                Response.error(400, "ResourceNotFoundException", "Event bus switchyard-bus does not exist."));

        assertThatThrownBy(() -> sink.accept(TRIGGERED))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ResourceNotFoundException");
    }

    private static Response accepted() {
        return Response.ok(
                "{\"FailedEntryCount\": 0, \"Entries\": [{\"EventId\": \"11710aed-b79e-4468-a20b-bb3c0c3b4860\"}]}");
    }

    private static Response rejected(String code, String message) {
        return Response.ok("{\"FailedEntryCount\": 1, \"Entries\": [{\"ErrorCode\": \"" + code
                + "\", \"ErrorMessage\": \"" + message + "\"}]}");
    }
}
