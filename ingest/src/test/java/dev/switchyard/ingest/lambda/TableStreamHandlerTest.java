package dev.switchyard.ingest.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.contracts.audit.AuditEntry;
import dev.switchyard.reactor.store.StoreUnavailableException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableStreamHandlerTest {
    /** The three records of the AWS sample, in order. */
    static final List<String> SEQUENCES =
            List.of("4421584500000000017450439091", "4421584500000000017450439092", "4421584500000000017450439093");

    static final List<String> EVENT_IDS = List.of(
            "c4ca4238a0b923820dcc509a6f75849b", "c81e728d9d4c2f636f067f89cc14862c", "eccbc87e4b5ce2fe28308fd9f2a7baf3");

    private final Harness harness = new Harness();

    @Test
    void shouldAuditEveryRecord_andReportNoFailure() {
        StreamsEventResponse response = handle(Harness.render(Harness.tree("ddb-stream-lambda.json")));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(harness.audit).extracting(AuditEntry::auditId).containsExactlyElementsOf(EVENT_IDS);
    }

    @Test
    void shouldReportExactlyThePoisonRecord_andStillAuditTheOthers() {
        // The developer guide's second record has no ApproximateCreationDateTime: it can never be decoded.
        ObjectNode event = Harness.tree("ddb-stream-lambda.json");
        ArrayNode records = (ArrayNode) event.get("Records");
        records.insert(
                1,
                Harness.tree("ddb-stream-lambda-devguide-example.json")
                        .get("Records")
                        .get(1));

        StreamsEventResponse response = handle(Harness.render(event));

        assertThat(response.getBatchItemFailures())
                .extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("222");
        assertThat(harness.audit).extracting(AuditEntry::auditId).containsExactlyElementsOf(EVENT_IDS);
        assertThat(harness.rejections).singleElement().satisfies(rejection -> {
            assertThat(rejection.where()).isEqualTo("sequence 222");
            assertThat(rejection.reason()).contains("ApproximateCreationDateTime");
        });
    }

    @Test
    void shouldReportTheRecordWhoseStoreFailed_andFailTheRestUntried() {
        harness.auditGate = entry -> {
            if (entry.auditId().equals(EVENT_IDS.get(1))) {
                throw new StoreUnavailableException("the audit store is throttling (injected)", null);
            }
        };

        StreamsEventResponse response = handle(Harness.render(Harness.tree("ddb-stream-lambda.json")));

        assertThat(response.getBatchItemFailures())
                .extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(SEQUENCES.get(1), SEQUENCES.get(2));
        // the record after the unavailable store was not tried: it would wait for the same store
        assertThat(harness.audit).extracting(AuditEntry::auditId).containsExactly(EVENT_IDS.get(0));
        assertThat(harness.rejections).isEmpty();
        assertThat(harness.logText())
                .contains("\"kind\":\"retry\"")
                .contains("sequence " + SEQUENCES.get(1))
                .contains(StoreUnavailableException.class.getName());
    }

    @Test
    void shouldFailTheWholeBatch_whenAFailedRecordHasNoSequenceNumber() {
        ObjectNode event = Harness.tree("ddb-stream-lambda.json");
        ObjectNode poison = (ObjectNode) Harness.tree("ddb-stream-lambda-devguide-example.json")
                .get("Records")
                .get(1);
        ((ObjectNode) poison.get("dynamodb")).remove("SequenceNumber");
        ((ArrayNode) event.get("Records")).insert(1, poison);

        StreamsEventResponse response = handle(Harness.render(event));

        assertThat(response.getBatchItemFailures())
                .extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("");
        assertThat(harness.rejections).hasSize(1);
    }

    @Test
    void shouldAnswerNoFailures_forAnEmptyOrMissingBatch() {
        TableStreamHandler handler = new TableStreamHandler(harness.wiring());

        assertThat(handler.handleRequest(Harness.lambdaEvent("{\"Records\": []}"), null)
                        .getBatchItemFailures())
                .isEmpty();
        assertThat(handler.handleRequest(null, null).getBatchItemFailures()).isEmpty();
    }

    private StreamsEventResponse handle(String json) {
        return new TableStreamHandler(harness.wiring()).handleRequest(Harness.lambdaEvent(json), null);
    }
}
