package dev.switchyard.ingest.decode;

import static dev.switchyard.ingest.decode.Fixtures.accepted;
import static dev.switchyard.ingest.decode.Fixtures.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.contracts.event.Received;
import dev.switchyard.contracts.event.Rejection;
import dev.switchyard.contracts.event.TableChanged;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventDecoderRejectionsTest {
    private final EventDecoder decoder = new EventDecoder();

    static List<BadInputs.Case> badInputs() {
        return BadInputs.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void shouldRejectBadInput_withReasonNamingTheField(BadInputs.Case bad) {
        Received received = decoder.decode(bad.input(), "line 7");

        Rejection rejection = rejected(received);
        assertThat(rejection.where()).isEqualTo("line 7");
        assertThat(rejection.reason()).contains(bad.reason()).hasSizeLessThan(600);
        assertThat(rejection.record())
                .isEqualTo(
                        bad.input().length() > Rejection.EXCERPT
                                ? bad.input().substring(0, Rejection.EXCERPT) + "…"
                                : bad.input());
    }

    @Test
    void shouldCutTheRecordOfAHugeRejection() {
        String huge = BadInputs.edit(BadInputs.GLUE_FAILED, "/detail/message", "x".repeat(1 << 20));

        Rejection rejection = rejected(decoder.decode(huge, "line 1"));

        assertThat(rejection.record()).hasSize(Rejection.EXCERPT + 1).endsWith("…");
        assertThat(rejection.reason())
                .matches("the event is \\d+ bytes long; EventBridge events are at most 1048576 bytes");
    }

    @Test
    void shouldRejectTruncatedJson_withReason() {
        String truncated = Fixtures.text(BadInputs.GLUE_FAILED).substring(0, 200);

        assertThat(rejected(decoder.decode(truncated, "line 3")).reason())
                .startsWith("the record is not valid JSON (line ");
    }

    @Test
    void shouldRejectNullInput_asEmpty() {
        assertThat(rejected(decoder.decode(null, "line 1")).reason()).isEqualTo("the record is empty");
    }

    @Test
    void shouldDecodeGoodRecordsOfABatch_whenOthersAreBad() {
        ObjectNode event = Fixtures.tree(BadInputs.STREAM);
        ArrayNode records = (ArrayNode) event.get("Records");
        records.insert(1, BadInputs.json(BadInputs.keysOnly()));
        records.insert(
                2, BadInputs.json(BadInputs.streamEdit("/dynamodb/NewImage/Id", BadInputs.json("{\"N\":\"abc\"}"))));
        records.insert(3, 42);
        records.insert(4, BadInputs.json(BadInputs.streamEdit("/dynamodb/SequenceNumber", BadInputs.ABSENT)));

        List<Received> received = decoder.decodeLambdaStreamEvent(Fixtures.render(event));

        assertThat(received).hasSize(7);
        assertThat(List.of(received.get(0), received.get(5), received.get(6)))
                .allSatisfy(r -> assertThat(accepted(r)).isInstanceOf(TableChanged.class));
        assertThat(rejected(received.get(1)).where()).isEqualTo("record 2 (sequence 4421584500000000017450439092)");
        assertThat(rejected(received.get(1)).reason()).contains("KEYS_ONLY");
        assertThat(rejected(received.get(2)).reason()).contains("dynamodb.NewImage.Id: not a number");
        assertThat(rejected(received.get(3)).where()).isEqualTo("record 4");
        assertThat(rejected(received.get(3)).reason()).isEqualTo("a stream record must be an object, not a number");
        assertThat(rejected(received.get(4)).where()).isEqualTo("record 5");
        assertThat(rejected(received.get(4)).reason()).isEqualTo("dynamodb.SequenceNumber is missing");
    }

    @Test
    void shouldRejectAWholeBadLambdaEvent_once() {
        assertThat(decoder.decodeLambdaStreamEvent("{\"Records\": "))
                .singleElement()
                .satisfies(r -> assertThat(rejected(r).where()).isEqualTo("event"))
                .satisfies(r -> assertThat(rejected(r).reason()).startsWith("the event is not valid JSON"));
        assertThat(rejected(decoder.decodeLambdaStreamEvent("{\"Records\": {}}").getFirst())
                        .reason())
                .isEqualTo("Records must be an array, not an object");
        assertThat(rejected(decoder.decodeLambdaStreamEvent("{}").getFirst()).reason())
                .isEqualTo("Records is missing");
        assertThat(rejected(decoder.decodeLambdaStreamEvent("[]").getFirst()).reason())
                .isEqualTo("a Lambda event must be an object with Records, not an array");
        assertThat(decoder.decodeLambdaStreamEvent("{\"Records\": []}")).isEmpty();
    }
}
