package dev.switchyard.ingest.decode;

import static dev.switchyard.ingest.decode.Fixtures.accepted;
import static dev.switchyard.ingest.decode.Fixtures.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.contracts.event.Received;
import dev.switchyard.contracts.event.Rejection;
import dev.switchyard.contracts.event.TableChanged;
import dev.switchyard.contracts.stream.TableChange;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class LambdaStreamRecordsTest {
    static final List<String> STREAMS = Fixtures.STREAMS;

    private final EventDecoder decoder = new EventDecoder();

    @ParameterizedTest
    @FieldSource("STREAMS")
    void shouldDecodeRuntimeClasses_likeTheEventJson(String name) {
        String json = Fixtures.text(name);

        List<Received> fromClasses = LambdaStreamRecords.decode(Fixtures.lambdaEvent(json));
        List<Received> fromJson = decoder.decodeLambdaStreamEvent(json);

        assertSameOutcomes(fromClasses, fromJson);
    }

    @Test
    void shouldDecodeRuntimeClasses_likeTheEventJson_forBadRecordsToo() {
        ObjectNode event = Fixtures.tree(BadInputs.STREAM);
        ArrayNode records = (ArrayNode) event.get("Records");
        records.add(BadInputs.json(BadInputs.keysOnly()));
        records.add(BadInputs.json(BadInputs.streamEdit("/dynamodb/NewImage/Tags", BadInputs.json("{\"SS\":[]}"))));
        records.add(BadInputs.json(BadInputs.streamEdit("/dynamodb/NewImage/Id", BadInputs.json("{\"N\":\"abc\"}"))));
        records.add(BadInputs.json(BadInputs.streamEdit("/eventName", "UPDATE")));
        records.add(BadInputs.json(BadInputs.streamEdit("/dynamodb/ApproximateCreationDateTime", BadInputs.ABSENT)));
        records.add(BadInputs.json(BadInputs.streamEdit("/eventSourceARN", "arn:aws:s3:::bucket")));
        String json = Fixtures.render(event);

        List<Received> fromClasses = LambdaStreamRecords.decode(Fixtures.lambdaEvent(json));

        assertSameOutcomes(fromClasses, decoder.decodeLambdaStreamEvent(json));
        assertThat(fromClasses.subList(3, 9)).allSatisfy(r -> assertThat(r).isInstanceOf(Received.Rejected.class));
    }

    @Test
    void shouldSayWhereByTheSequenceNumber() {
        var event = Fixtures.lambdaEvent(Fixtures.text("ddb-stream-lambda-devguide-example.json"));

        Rejection rejection =
                rejected(LambdaStreamRecords.decode(event.getRecords().get(1)));

        assertThat(rejection.where()).isEqualTo("sequence 222");
        assertThat(rejection.reason()).isEqualTo("dynamodb.ApproximateCreationDateTime is missing");
        assertThat(rejection.record()).isNotEmpty();
    }

    @Test
    void shouldKeepTheSecondsOfAFractionalCreationTime() {
        var event = Fixtures.lambdaEvent(Fixtures.text("ddb-stream-lambda.json"));

        TableChange change = ((TableChanged)
                        accepted(LambdaStreamRecords.decode(event.getRecords().get(1))))
                .change();

        assertThat(change.at()).isEqualTo(Instant.parse("2021-11-01T02:40:07Z"));
    }

    @Test
    void shouldRejectAttributeValues_withNoTypeOrTwo() {
        var record = Fixtures.lambdaEvent(Fixtures.text("ddb-stream-lambda.json"))
                .getRecords()
                .get(0);
        record.getDynamodb().getNewImage().put("Empty", new AttributeValue());
        assertThat(rejected(LambdaStreamRecords.decode(record)).reason())
                .isEqualTo("dynamodb.NewImage.Empty: expected one type descriptor such as {\"S\": ...}");

        record.getDynamodb()
                .getNewImage()
                .put("Both", new AttributeValue().withS("a").withN("1"));
        record.getDynamodb().getNewImage().remove("Empty");
        assertThat(rejected(LambdaStreamRecords.decode(record)).reason()).startsWith("dynamodb.NewImage.Both:");
    }

    @Test
    void shouldRejectMissingPieces_withoutThrowing() {
        assertThat(rejected(LambdaStreamRecords.decode((DynamodbEvent.DynamodbStreamRecord) null))
                        .where())
                .isEqualTo("sequence (none)");
        assertThat(rejected(LambdaStreamRecords.decode(new DynamodbEvent.DynamodbStreamRecord()))
                        .reason())
                .isEqualTo("dynamodb is missing");
        assertThat(LambdaStreamRecords.decode(new DynamodbEvent())).isEmpty();
    }

    /** Equal events; rejections alike but for where they were, which each form says its own way. */
    private static void assertSameOutcomes(List<Received> fromClasses, List<Received> fromJson) {
        assertThat(fromClasses).hasSameSizeAs(fromJson);
        IntStream.range(0, fromJson.size()).forEach(i -> {
            Received json = fromJson.get(i);
            Received classes = fromClasses.get(i);
            if (json instanceof Received.Accepted) {
                assertThat(classes).as("record %d", i + 1).isEqualTo(json);
            } else {
                assertThat(rejected(classes).reason())
                        .as("record %d", i + 1)
                        .isEqualTo(rejected(json).reason());
                assertThat(rejected(json).where())
                        .endsWith("(" + rejected(classes).where() + ")");
            }
        });
    }
}
