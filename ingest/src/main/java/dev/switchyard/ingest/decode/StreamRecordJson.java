package dev.switchyard.ingest.decode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.contracts.attr.DynamoJson;
import java.time.Instant;
import java.util.Map;

/** Reads a DynamoDB stream record in the Lambda event's JSON ({@code Records[i]}). */
final class StreamRecordJson {
    private StreamRecordJson() {}

    /** True when the object looks like a stream record rather than something else. */
    static boolean isRecord(JsonNode root) {
        return root.has("eventName") || root.has("dynamodb");
    }

    static StreamRecordFields read(JsonNode record) {
        if (!record.isObject()) {
            throw new IllegalArgumentException("a stream record must be an object, not " + JsonFields.kind(record));
        }
        JsonNode dynamodb = JsonFields.object(record, "dynamodb");
        JsonNode identity = record.hasNonNull("userIdentity") ? JsonFields.object(record, "userIdentity") : null;
        return new StreamRecordFields(
                JsonFields.optionalText(record, "eventID"),
                JsonFields.optionalText(record, "eventName"),
                JsonFields.optionalText(record, "eventSourceARN"),
                JsonFields.optionalText(dynamodb, "dynamodb.StreamViewType"),
                JsonFields.optionalText(dynamodb, "dynamodb.SequenceNumber"),
                item(dynamodb, "dynamodb.Keys"),
                item(dynamodb, "dynamodb.OldImage"),
                item(dynamodb, "dynamodb.NewImage"),
                approximateCreation(dynamodb),
                identity == null ? null : JsonFields.optionalText(identity, "userIdentity.type"),
                identity == null ? null : JsonFields.optionalText(identity, "userIdentity.principalId"));
    }

    /** The sequence number when it can be read, for saying where a record was; else null. */
    static String sequenceNumber(JsonNode record) {
        JsonNode value = record.path("dynamodb").path("SequenceNumber");
        return value.isTextual() ? value.textValue() : null;
    }

    private static Map<String, Attr> item(JsonNode dynamodb, String path) {
        JsonNode image = dynamodb.get(path.substring(path.indexOf('.') + 1));
        if (image == null || image.isNull()) {
            return null;
        }
        if (!image.isObject()) {
            throw new IllegalArgumentException(
                    path + " must be an object of typed attributes, not " + JsonFields.kind(image));
        }
        try {
            return DynamoJson.readItem(image);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + "." + e.getMessage(), e);
        }
    }

    private static Instant approximateCreation(JsonNode dynamodb) {
        JsonNode value = dynamodb.get("ApproximateCreationDateTime");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw new IllegalArgumentException("dynamodb.ApproximateCreationDateTime must be a number of seconds"
                    + " since 1970, not " + JsonFields.kind(value));
        }
        return StreamRecordFields.epochSeconds(value.decimalValue());
    }
}
