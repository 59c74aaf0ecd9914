package dev.switchyard.ingest.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.contracts.Json;
import java.util.List;

/**
 * The corpus of bad inputs: each is a sample with one thing wrong, and a piece of the reason it must be
 * rejected with (which names the field).
 */
final class BadInputs {
    static final String GLUE_FAILED = "glue-job-state-change-failed.json";
    static final String GLUE_RUNNING = "glue-job-run-status-running.json";
    static final String SFN = "sfn-execution-status-change-succeeded.json";
    static final String STREAM = "ddb-stream-lambda.json";
    /** A sentinel value: remove the field. */
    static final Object ABSENT = new Object();

    /** One bad input and what its rejection's reason must contain. */
    record Case(String name, String input, String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    private BadInputs() {}

    static List<Case> all() {
        String glue = Fixtures.text(GLUE_FAILED);
        return List.of(
                // not JSON, or not an object
                new Case("truncated JSON", glue.substring(0, 120), "not valid JSON"),
                new Case("empty input", "", "the record is empty"),
                new Case("text after the object", glue + " {}", "not valid JSON"),
                new Case("nested too deeply", "[".repeat(5_000), "not valid JSON"),
                new Case("an array", "[1, 2]", "not an array"),
                new Case("a number", "42", "not a number"),
                new Case("a string", "\"FAILED\"", "not a string"),
                new Case("null", "null", "not null"),
                new Case("neither envelope nor record", "{\"jobName\": \"MyJob\"}", "neither an EventBridge event"),
                new Case(
                        "a duplicate key",
                        glue.replace("\"state\":\"FAILED\"", "\"state\":\"FAILED\",\"state\":\"RUNNING\""),
                        "Duplicate field 'state'"),
                // the envelope
                new Case("no id", edit(GLUE_FAILED, "/id", ABSENT), "id is missing"),
                new Case(
                        "id with white space",
                        edit(GLUE_FAILED, "/id", "abc def"),
                        "id 'abc def' contains white space"),
                new Case("no detail", edit(GLUE_FAILED, "/detail", ABSENT), "detail is missing"),
                new Case(
                        "detail a string",
                        edit(GLUE_FAILED, "/detail", "{}"),
                        "detail must be an object, not a string"),
                new Case("no time", edit(GLUE_FAILED, "/time", ABSENT), "time is missing"),
                new Case(
                        "time not a date",
                        edit(GLUE_FAILED, "/time", "yesterday"),
                        "time 'yesterday' is not an ISO-8601"),
                new Case(
                        "time a number", edit(GLUE_FAILED, "/time", 1504764123), "time must be a string, not a number"),
                new Case("source a number", edit(GLUE_FAILED, "/source", 7), "source must be a string"),
                new Case(
                        "source aws.ec2",
                        edit(
                                edit(GLUE_FAILED, "/source", "aws.ec2"),
                                "/detail-type",
                                "EC2 Instance State-change Notification"),
                        "source 'aws.ec2' / detail-type 'EC2 Instance State-change Notification' is not an input"),
                new Case(
                        "a custom source",
                        edit(edit(GLUE_FAILED, "/source", "com.example.orders"), "/detail-type", "OrderPlaced"),
                        "is not an input of the reactor; expected aws.glue / Glue Job State Change"),
                new Case(
                        "Glue's source with another detail type",
                        edit(GLUE_FAILED, "/detail-type", "Glue Crawler State Change"),
                        "detail-type 'Glue Crawler State Change' is not an input"),
                new Case(
                        "a 1 MB message",
                        edit(GLUE_FAILED, "/detail/message", "x".repeat(1 << 20)),
                        "bytes long; EventBridge events are at most"),
                // Glue's detail
                new Case(
                        "jobName a number",
                        edit(GLUE_FAILED, "/detail/jobName", 42),
                        "detail.jobName must be a string, not a number"),
                new Case(
                        "jobName of 300 characters",
                        edit(GLUE_FAILED, "/detail/jobName", "J".repeat(300)),
                        "detail.jobName is 300 characters long"),
                new Case(
                        "jobName blank",
                        edit(GLUE_FAILED, "/detail/jobName", "  "),
                        "detail.jobName is missing or blank"),
                new Case("no jobRunId", edit(GLUE_FAILED, "/detail/jobRunId", ABSENT), "detail.jobRunId is missing"),
                new Case("jobRunId null", edit(GLUE_FAILED, "/detail/jobRunId", null), "detail.jobRunId is missing"),
                new Case(
                        "state an object",
                        edit(GLUE_FAILED, "/detail/state", json("{\"name\":\"FAILED\"}")),
                        "detail.state must be a string, not an object"),
                new Case(
                        "unknown state",
                        edit(GLUE_FAILED, "/detail/state", "EXPLODED"),
                        "detail.state: unknown state 'EXPLODED'; Glue's states are STARTING, RUNNING"),
                new Case("state in lower case", edit(GLUE_FAILED, "/detail/state", "failed"), "unknown state 'failed'"),
                new Case(
                        "final state in a Run Status event",
                        edit(GLUE_RUNNING, "/detail/state", "FAILED"),
                        "state FAILED does not belong in a Glue Job Run Status event"),
                new Case(
                        "running state in a State Change event",
                        edit(GLUE_FAILED, "/detail/state", "RUNNING"),
                        "state RUNNING does not belong in a Glue Job State Change event"),
                new Case(
                        "startedOn not a date",
                        edit(GLUE_RUNNING, "/detail/startedOn", "24/04/2018"),
                        "detail.startedOn '24/04/2018' is not an ISO-8601"),
                new Case(
                        "message a number", edit(GLUE_FAILED, "/detail/message", 3), "detail.message must be a string"),
                // Step Functions' detail
                new Case(
                        "no executionArn", edit(SFN, "/detail/executionArn", ABSENT), "detail.executionArn is missing"),
                new Case("unknown status", edit(SFN, "/detail/status", "DONE"), "detail.status: unknown status 'DONE'"),
                new Case(
                        "input not JSON",
                        edit(SFN, "/detail/input", "{\"JobCategory\":"),
                        "detail.input is not valid JSON"),
                new Case(
                        "input an object, not a string",
                        edit(SFN, "/detail/input", json("{}")),
                        "detail.input must be a string, not an object"),
                new Case(
                        "JobCategory a number",
                        edit(SFN, "/detail/input", "{\"JobCategory\": 5}"),
                        "detail.input: JobCategory must be a string"),
                new Case(
                        "RunDate not a date",
                        edit(SFN, "/detail/output", "{\"RunDate\": \"30/11/2026\"}"),
                        "detail.output: RunDate '30/11/2026' is not an ISO date"),
                // stream records
                new Case("no eventName", streamEdit("/eventName", ABSENT), "eventName is missing"),
                new Case(
                        "unknown eventName",
                        streamEdit("/eventName", "UPDATE"),
                        "eventName 'UPDATE' is not one of INSERT, MODIFY, REMOVE"),
                new Case("no eventID", streamEdit("/eventID", ABSENT), "eventID is missing"),
                new Case("no dynamodb", streamEdit("/dynamodb", ABSENT), "dynamodb is missing"),
                new Case(
                        "Keys not a map",
                        streamEdit("/dynamodb/Keys", json("[{\"N\":\"101\"}]")),
                        "dynamodb.Keys must be an object of typed attributes, not an array"),
                new Case("Keys empty", streamEdit("/dynamodb/Keys", json("{}")), "dynamodb.Keys is empty"),
                new Case(
                        "no SequenceNumber",
                        streamEdit("/dynamodb/SequenceNumber", ABSENT),
                        "dynamodb.SequenceNumber is missing"),
                new Case(
                        "SequenceNumber letters",
                        streamEdit("/dynamodb/SequenceNumber", "abc"),
                        "dynamodb.SequenceNumber 'abc' is not a sequence number"),
                new Case(
                        "SequenceNumber a number",
                        streamEdit("/dynamodb/SequenceNumber", 42),
                        "dynamodb.SequenceNumber must be a string"),
                new Case(
                        "a KEYS_ONLY stream",
                        keysOnly(),
                        "dynamodb.StreamViewType is 'KEYS_ONLY'; the control table's stream must be NEW_AND_OLD_IMAGES"),
                new Case(
                        "a NEW_IMAGE stream",
                        edit(streamEdit("/dynamodb/OldImage", ABSENT), "/dynamodb/StreamViewType", "NEW_IMAGE"),
                        "must be NEW_AND_OLD_IMAGES"),
                new Case(
                        "a MODIFY without its old image",
                        edit(streamEdit("/dynamodb/OldImage", ABSENT), "/dynamodb/StreamViewType", ABSENT),
                        "dynamodb.OldImage is missing; a MODIFY record"),
                new Case(
                        "an INSERT with an old image",
                        streamEdit("/eventName", "INSERT"),
                        "dynamodb.OldImage must be absent from an INSERT record"),
                new Case(
                        "a number that is not one",
                        streamEdit("/dynamodb/NewImage/Id", json("{\"N\":\"abc\"}")),
                        "dynamodb.NewImage.Id: not a number: 'abc'"),
                new Case(
                        "an empty string set",
                        streamEdit("/dynamodb/NewImage/Tags", json("{\"SS\":[]}")),
                        "dynamodb.NewImage.Tags: a string set may not be empty"),
                new Case(
                        "a set with duplicates",
                        streamEdit("/dynamodb/OldImage/Tags", json("{\"NS\":[\"1\",\"1.0\"]}")),
                        "dynamodb.OldImage.Tags: a number set holds '1' twice"),
                new Case(
                        "an unknown type",
                        streamEdit("/dynamodb/Keys/Id", json("{\"X\":\"101\"}")),
                        "dynamodb.Keys.Id: unknown DynamoDB type 'X'"),
                new Case(
                        "two type descriptors",
                        streamEdit("/dynamodb/Keys/Id", json("{\"N\":\"1\",\"S\":\"1\"}")),
                        "dynamodb.Keys.Id: expected one type descriptor"),
                new Case(
                        "no ApproximateCreationDateTime",
                        streamEdit("/dynamodb/ApproximateCreationDateTime", ABSENT),
                        "dynamodb.ApproximateCreationDateTime is missing"),
                new Case(
                        "ApproximateCreationDateTime a string",
                        streamEdit("/dynamodb/ApproximateCreationDateTime", "1428537600"),
                        "dynamodb.ApproximateCreationDateTime must be a number"),
                new Case(
                        "ApproximateCreationDateTime too late",
                        streamEdit("/dynamodb/ApproximateCreationDateTime", json("1e20")),
                        "dynamodb.ApproximateCreationDateTime 100000000000000000000 is out of range"),
                new Case(
                        "ApproximateCreationDateTime before 1970",
                        streamEdit("/dynamodb/ApproximateCreationDateTime", -5),
                        "dynamodb.ApproximateCreationDateTime -5 is out of range"),
                new Case(
                        "a malformed eventSourceARN",
                        streamEdit("/eventSourceARN", "arn:aws:s3:::bucket"),
                        "eventSourceARN 'arn:aws:s3:::bucket' is not a DynamoDB stream ARN"),
                new Case(
                        "userIdentity a string",
                        streamEdit("/userIdentity", "dynamodb"),
                        "userIdentity must be an object"));
    }

    /** A stream record (the MODIFY of the Lambda sample) of a KEYS_ONLY stream: keys and nothing more. */
    static String keysOnly() {
        return edit(
                edit(
                        edit(streamEdit("/dynamodb/OldImage", ABSENT), "/dynamodb/NewImage", ABSENT),
                        "/dynamodb/StreamViewType",
                        "KEYS_ONLY"),
                "/eventName",
                "MODIFY");
    }

    /** The MODIFY record of the Lambda sample with one field set (or removed). */
    static String streamEdit(String pointer, Object value) {
        return edit(Fixtures.record(STREAM, 1), pointer, value);
    }

    /**
     * A sample (by fixture name, or JSON text) with the field at a JSON pointer set to a value, or removed
     * when the value is {@link #ABSENT}.
     */
    static String edit(String fixtureOrJson, String pointer, Object value) {
        ObjectNode root = (ObjectNode)
                (fixtureOrJson.endsWith(".json")
                        ? Fixtures.tree(fixtureOrJson)
                        : Fixtures.tree(fixtureOrJson.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        int cut = pointer.lastIndexOf('/');
        ObjectNode parent = (ObjectNode) root.at(pointer.substring(0, cut));
        String field = pointer.substring(cut + 1);
        if (value == ABSENT) {
            parent.remove(field);
        } else {
            parent.set(field, Json.mapper().valueToTree(value));
        }
        return Fixtures.render(root);
    }

    static JsonNode json(String text) {
        return Fixtures.tree(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
