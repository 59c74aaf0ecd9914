package dev.switchyard.ingest.decode;

import static dev.switchyard.ingest.decode.Fixtures.accepted;
import static dev.switchyard.ingest.decode.Fixtures.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.contracts.event.ExecutionStatusChanged;
import dev.switchyard.contracts.event.GlueJobEvent;
import dev.switchyard.contracts.event.Received;
import dev.switchyard.contracts.event.TableChanged;
import dev.switchyard.contracts.stream.TableChange;
import dev.switchyard.contracts.table.JobRunState;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventDecoderSamplesTest {
    private static final String FAILED_RUN_ID = "jr_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private static final String STATUS_RUN_ID = "jr_6aa58e7a3aa44e2e4c7db2c50e2f7396cb57901729e4b702dcb2cfbbeb3f7a86";
    private static final Map<String, Attr> KEYS = Map.of("Id", new Attr.N("101"));
    private static final Map<String, Attr> NEW_ITEM =
            Map.of("Message", new Attr.S("New item!"), "Id", new Attr.N("101"));
    private static final Map<String, Attr> CHANGED_ITEM =
            Map.of("Message", new Attr.S("This item has changed"), "Id", new Attr.N("101"));

    private final EventDecoder decoder = new EventDecoder();

    private GlueJobEvent glue(String name) {
        return (GlueJobEvent) accepted(decoder.decode(Fixtures.text(name), name));
    }

    @Test
    void shouldDecodeGlueStateChangeFailed_withAllFields() {
        assertThat(glue("glue-job-state-change-failed.json"))
                .isEqualTo(new GlueJobEvent(
                        "abcdef01-1234-5678-9abc-def012345678",
                        GlueJobEvent.Kind.STATE_CHANGE,
                        "MyJob",
                        FAILED_RUN_ID,
                        JobRunState.FAILED,
                        Instant.parse("2017-09-07T06:02:03Z"),
                        null,
                        "JobName:MyJob and JobRunId:" + FAILED_RUN_ID + " failed to execute with exception Role"
                                + " arn:aws:iam::123456789012:role/Glue_Role should be given assume role"
                                + " permissions for Glue Service."));
    }

    @ParameterizedTest
    @CsvSource({
        "glue-job-state-change-succeeded.json, SUCCEEDED, 2017-09-07T18:57:21Z, Job run succeeded",
        "glue-job-state-change-stopped.json, STOPPED, 2017-11-20T20:22:06Z, Job run stopped",
        "glue-job-state-change-timeout.json, TIMEOUT, 2017-11-20T20:22:06Z, Job run timed out"
    })
    void shouldDecodeGlueStateChanges_asFinalStatesWithoutStartedOn(
            String name, JobRunState state, Instant time, String message) {
        GlueJobEvent event = glue(name);
        assertThat(event.kind()).isEqualTo(GlueJobEvent.Kind.STATE_CHANGE);
        assertThat(event.eventId()).isEqualTo("abcdef00-1234-5678-9abc-def012345678");
        assertThat(event.jobName()).isEqualTo("MyJob");
        assertThat(event.jobRunId()).startsWith("jr_").hasSize(67);
        assertThat(event.state()).isEqualTo(state);
        assertThat(event.time()).isEqualTo(time);
        assertThat(event.startedOn()).isNull();
        assertThat(event.message()).isEqualTo(message);
    }

    @ParameterizedTest
    @CsvSource({
        "glue-job-run-status-starting.json, STARTING",
        "glue-job-run-status-running.json, RUNNING",
        "glue-job-run-status-stopping.json, STOPPING"
    })
    void shouldDecodeGlueRunStatus_withStartedOnToTheMillisecond(String name, JobRunState state) {
        assertThat(glue(name))
                .isEqualTo(new GlueJobEvent(
                        "66fbc5e1-aac3-5e85-63d0-856ec669a050",
                        GlueJobEvent.Kind.RUN_STATUS,
                        "MyJob",
                        STATUS_RUN_ID,
                        state,
                        Instant.parse("2018-04-24T20:57:34Z"),
                        Instant.parse("2018-04-24T20:55:47.941Z"),
                        "Job is in " + state + " state"));
    }

    @Test
    void shouldDecodeExecutionSucceeded_takingRunDateFromOutputWhenInputLacksIt() {
        String name = "sfn-execution-status-change-succeeded.json";
        assertThat(accepted(decoder.decode(Fixtures.text(name), name)))
                .isEqualTo(new ExecutionStatusChanged(
                        "5b0c6f4e-2d8a-4b71-9e3f-61a7c0d2e9b4",
                        Instant.parse("2026-11-30T08:14:52Z"),
                        "arn:aws:states:eu-west-1:123456789012:execution:switchyard-orchestrator:RAW-2026-11-30-7f3a",
                        ExecutionStatusChanged.Status.SUCCEEDED,
                        "RAW",
                        LocalDate.parse("2026-11-30"),
                        "prod"));
    }

    @Test
    void shouldDecodeExecutionFailed_withNullOutputAndNoEnvironment() {
        String name = "sfn-execution-status-change-failed.json";
        assertThat(accepted(decoder.decode(Fixtures.text(name), name)))
                .isEqualTo(new ExecutionStatusChanged(
                        "c2e91d07-8f4b-4a6e-b3d5-9a0f17e6c845",
                        Instant.parse("2026-11-30T09:03:31Z"),
                        "arn:aws:states:eu-west-1:123456789012:execution:switchyard-orchestrator:STG-2026-11-30-b81c",
                        ExecutionStatusChanged.Status.FAILED,
                        "STG",
                        LocalDate.parse("2026-11-30"),
                        null));
    }

    @Test
    void shouldDecodeExecution_withNullInputAsNoCategoryRun() {
        ObjectNode event = Fixtures.tree("sfn-execution-status-change-failed.json");
        ((ObjectNode) event.get("detail")).putNull("input");
        var decoded = (ExecutionStatusChanged) accepted(decoder.decode(Fixtures.render(event), "line 1"));
        assertThat(decoded.category()).isNull();
        assertThat(decoded.runDate()).isNull();
        assertThat(decoded.environment()).isNull();
    }

    @Test
    void shouldDecodeLambdaStreamEvent_intoInsertModifyRemove() {
        List<Received> received = decoder.decodeLambdaStreamEvent(Fixtures.text("ddb-stream-lambda.json"));

        assertThat(received).hasSize(3);
        String table = "ExampleTableWithStream";
        assertThat(change(received.get(0)))
                .isEqualTo(new TableChange(
                        "c4ca4238a0b923820dcc509a6f75849b",
                        "4421584500000000017450439091",
                        TableChange.Kind.INSERT,
                        table,
                        KEYS,
                        null,
                        NEW_ITEM,
                        Instant.parse("2015-04-09T00:00:00Z"),
                        false));
        assertThat(change(received.get(1)))
                .isEqualTo(new TableChange(
                        "c81e728d9d4c2f636f067f89cc14862c",
                        "4421584500000000017450439092",
                        TableChange.Kind.MODIFY,
                        table,
                        KEYS,
                        NEW_ITEM,
                        CHANGED_ITEM,
                        Instant.parse("2021-11-01T02:40:07Z"),
                        false));
        assertThat(change(received.get(2)))
                .isEqualTo(new TableChange(
                        "eccbc87e4b5ce2fe28308fd9f2a7baf3",
                        "4421584500000000017450439093",
                        TableChange.Kind.REMOVE,
                        table,
                        KEYS,
                        CHANGED_ITEM,
                        null,
                        Instant.parse("2015-04-09T00:00:00Z"),
                        false));
    }

    @Test
    void shouldDecodeOneStreamRecord_likeTheSameRecordInABatch() {
        List<Received> batch = decoder.decodeLambdaStreamEvent(Fixtures.text("ddb-stream-lambda.json"));
        for (int i = 0; i < batch.size(); i++) {
            assertThat(decoder.decode(Fixtures.record("ddb-stream-lambda.json", i), "line " + i))
                    .isEqualTo(batch.get(i));
        }
    }

    @Test
    void shouldRejectDevGuideExample_becauseItHasNoApproximateCreationDateTime() {
        List<Received> received =
                decoder.decodeLambdaStreamEvent(Fixtures.text("ddb-stream-lambda-devguide-example.json"));

        assertThat(received).hasSize(2);
        assertThat(rejected(received.get(0)).where()).isEqualTo("record 1 (sequence 111)");
        assertThat(rejected(received.get(1)).where()).isEqualTo("record 2 (sequence 222)");
        assertThat(received)
                .allSatisfy(r ->
                        assertThat(rejected(r).reason()).isEqualTo("dynamodb.ApproximateCreationDateTime is missing"));
    }

    @Test
    void shouldDecodeDevGuideExample_onceItCarriesATime() {
        ObjectNode event = Fixtures.tree("ddb-stream-lambda-devguide-example.json");
        event.get("Records")
                .forEach(r -> ((ObjectNode) r.get("dynamodb")).put("ApproximateCreationDateTime", 1431379293));

        List<Received> received = decoder.decodeLambdaStreamEvent(Fixtures.render(event));

        Instant at = Instant.ofEpochSecond(1431379293);
        assertThat(change(received.get(0)))
                .isEqualTo(new TableChange(
                        "1", "111", TableChange.Kind.INSERT, "TestTable", KEYS, null, NEW_ITEM, at, false));
        assertThat(change(received.get(1)))
                .isEqualTo(new TableChange(
                        "2", "222", TableChange.Kind.MODIFY, "TestTable", KEYS, NEW_ITEM, CHANGED_ITEM, at, false));
    }

    @Test
    void shouldMarkTtlRemove_asTimeToLiveExpiry_withEveryAttributeType() {
        List<Received> received = decoder.decodeLambdaStreamEvent(Fixtures.text("ddb-stream-ttl-remove.json"));

        TableChange change = change(received.getFirst());
        assertThat(change.kind()).isEqualTo(TableChange.Kind.REMOVE);
        assertThat(change.ttlExpiry()).isTrue();
        assertThat(change.table()).isEqualTo("switchyard-control");
        assertThat(change.at()).isEqualTo(Instant.ofEpochSecond(1796029411));
        assertThat(change.keys()).isEqualTo(Map.of("JobName", new Attr.S("STG_ORDERS#2026-11-29")));
        assertThat(change.newImage()).isNull();
        assertThat(change.oldImage())
                .containsEntry("Tags", new Attr.SS(List.of("finance", "nightly")))
                .containsEntry("Durations", new Attr.NS(List.of("7.5", "42")))
                .containsEntry("Digests", new Attr.BS(List.of("AQI=", "AwQ=")))
                .containsEntry("Checksum", new Attr.B("c3dpdGNoeWFyZA=="))
                .containsEntry(
                        "Attempts",
                        new Attr.L(List.of(
                                new Attr.N("1"),
                                new Attr.M(Map.of(
                                        "RunId", new Attr.S("jr_4d2c"),
                                        "Ok", new Attr.Bool(false),
                                        "Note", new Attr.Null())))));
    }

    @Test
    void shouldNotMarkClientRemove_asTimeToLiveExpiry() {
        ObjectNode event = Fixtures.tree("ddb-stream-ttl-remove.json");
        ((ObjectNode) event.get("Records").get(0)).remove("userIdentity");

        assertThat(change(decoder.decodeLambdaStreamEvent(Fixtures.render(event))
                                .getFirst())
                        .ttlExpiry())
                .isFalse();
    }

    @Test
    void shouldTakeControlTable_whenARecordHasNoSourceArn() {
        ObjectNode record = (ObjectNode)
                Fixtures.tree("ddb-stream-lambda.json").get("Records").get(1);
        record.remove("eventSourceARN");

        assertThat(change(decoder.decode(Fixtures.render(record), "line 1")).table())
                .isEqualTo("control-table");
    }

    @ParameterizedTest
    @CsvSource({"glue-job-states.json", "sfn-glue-startJobRun-sync-success-output.json"})
    void shouldRejectReferenceFilesThatAreNotEvents_withReason(String name) {
        assertThat(rejected(decoder.decode(Fixtures.text(name), name)).reason())
                .startsWith("neither an EventBridge event");
    }

    @Test
    void shouldRejectAWholeLambdaEvent_givenToDecode() {
        assertThat(rejected(decoder.decode(Fixtures.text("ddb-stream-lambda.json"), "line 1"))
                        .reason())
                .contains("decodeLambdaStreamEvent");
    }

    private static TableChange change(Received received) {
        return ((TableChanged) accepted(received)).change();
    }
}
