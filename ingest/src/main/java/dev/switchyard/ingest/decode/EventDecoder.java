package dev.switchyard.ingest.decode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.contracts.event.InboundEvent;
import dev.switchyard.contracts.event.Received;
import dev.switchyard.contracts.event.Rejection;
import dev.switchyard.contracts.event.TableChanged;
import dev.switchyard.reactor.store.Utf8;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Decodes the reactor's inputs as AWS delivers them (SPEC §4) — EventBridge events from Glue and Step
 * Functions, and DynamoDB stream records in the Lambda event format — into checked events, or into
 * rejections whose reason names the field; it never throws for bad input. Stateless and thread-safe.
 */
public final class EventDecoder {

    /**
     * Decodes one JSON object: an EventBridge event (it has {@code source}, {@code detail-type}, {@code
     * detail}) or one stream record of a Lambda event ({@code Records[i]}: it has {@code eventName}, {@code
     * dynamodb}). A stream record without {@code ApproximateCreationDateTime} is rejected, since nothing
     * else says when its change was made; one without {@code eventSourceARN} is taken to be of the control
     * table ({@value StreamRecordFields#UNNAMED_TABLE}).
     *
     * @param json the object's text
     * @param where where it was, for a rejection: {@code line 12}, …
     */
    public Received decode(String json, String where) {
        Objects.requireNonNull(where, "where");
        try {
            JsonNode root = JsonFields.parse(Objects.requireNonNullElse(json, ""), "the record");
            return new Received.Accepted(event(root, json));
        } catch (IllegalArgumentException e) {
            return rejected(where, reason(e), json);
        } catch (RuntimeException e) {
            return rejected(where, unexpected(e), json);
        }
    }

    /**
     * Decodes a whole Lambda event from a DynamoDB stream, {@code {"Records": [...]}}: one result per
     * record, in order, a rejection saying {@code record N (sequence S)} (N counting from 1). A bad record
     * does not affect the others; an event that is not of that shape at all gives one rejection, {@code
     * where} being {@code event}.
     */
    public List<Received> decodeLambdaStreamEvent(String json) {
        JsonNode records;
        try {
            JsonNode root = JsonFields.parse(Objects.requireNonNullElse(json, ""), "the event");
            if (!root.isObject()) {
                throw new IllegalArgumentException(
                        "a Lambda event must be an object with Records, not " + JsonFields.kind(root));
            }
            records = JsonFields.required(root, "Records");
            if (!records.isArray()) {
                throw new IllegalArgumentException("Records must be an array, not " + JsonFields.kind(records));
            }
        } catch (IllegalArgumentException e) {
            return List.of(rejected("event", reason(e), json));
        } catch (RuntimeException e) {
            return List.of(rejected("event", unexpected(e), json));
        }
        List<Received> results = new ArrayList<>(records.size());
        for (JsonNode record : records) {
            results.add(streamRecord(record, results.size() + 1));
        }
        return results;
    }

    private static Received streamRecord(JsonNode record, int number) {
        String sequence = record.isObject() ? StreamRecordJson.sequenceNumber(record) : null;
        String where = "record " + number + (sequence == null ? "" : " (sequence " + JsonFields.shown(sequence) + ")");
        try {
            return new Received.Accepted(
                    new TableChanged(StreamRecordJson.read(record).toChange()));
        } catch (IllegalArgumentException e) {
            return rejected(where, reason(e), record.toString());
        } catch (RuntimeException e) {
            return rejected(where, unexpected(e), record.toString());
        }
    }

    private static InboundEvent event(JsonNode root, String text) {
        if (!root.isObject()) {
            throw new IllegalArgumentException("expected a JSON object (an EventBridge event or a DynamoDB stream"
                    + " record), not " + JsonFields.kind(root));
        }
        if (EventBridgeEvents.isEnvelope(root)) {
            return EventBridgeEvents.read(root, Utf8.length(text));
        }
        if (StreamRecordJson.isRecord(root)) {
            return new TableChanged(StreamRecordJson.read(root).toChange());
        }
        if (root.has("Records")) {
            throw new IllegalArgumentException(
                    "Records: a whole Lambda event holds many records; decode it with decodeLambdaStreamEvent");
        }
        throw new IllegalArgumentException("neither an EventBridge event (source, detail-type, detail) nor a"
                + " DynamoDB stream record (eventName, dynamodb)");
    }

    private static Received rejected(String where, String reason, String record) {
        return new Received.Rejected(new Rejection(where, reason, record));
    }

    /** The reason a validation failure gives. */
    static String reason(IllegalArgumentException e) {
        return e.getMessage() == null ? "invalid: " + e.getClass().getSimpleName() : e.getMessage();
    }

    /** The reason for a failure no check foresaw: still a rejection, so that one record cannot stall a batch. */
    static String unexpected(RuntimeException e) {
        return "unexpected " + e.getClass().getSimpleName() + " while decoding: " + e.getMessage();
    }
}
