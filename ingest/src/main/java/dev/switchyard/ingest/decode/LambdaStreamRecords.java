package dev.switchyard.ingest.decode;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import dev.switchyard.contracts.event.Received;
import dev.switchyard.contracts.event.Rejection;
import dev.switchyard.contracts.event.TableChanged;
import java.time.Instant;
import java.util.List;

/**
 * Decodes the DynamoDB stream records a Lambda handler receives as {@link DynamodbEvent} into control-table
 * changes or rejections, by the same rules as {@link EventDecoder} applies to the event's JSON.
 */
public final class LambdaStreamRecords {
    private LambdaStreamRecords() {}

    /** Every record of the event, in order; an event without records gives none. */
    public static List<Received> decode(DynamodbEvent event) {
        if (event == null || event.getRecords() == null) {
            return List.of();
        }
        return event.getRecords().stream().map(LambdaStreamRecords::decode).toList();
    }

    /**
     * One record: its change, or a rejection whose {@code where} is {@code sequence S} (S being the record's
     * sequence number, the item identifier of a Lambda batch item failure).
     */
    public static Received decode(DynamodbStreamRecord record) {
        StreamRecord dynamodb = record == null ? null : record.getDynamodb();
        String sequence = dynamodb == null ? null : dynamodb.getSequenceNumber();
        String where = "sequence " + (sequence == null ? "(none)" : JsonFields.shown(sequence));
        try {
            return new Received.Accepted(new TableChanged(fields(record).toChange()));
        } catch (IllegalArgumentException e) {
            return new Received.Rejected(new Rejection(where, EventDecoder.reason(e), String.valueOf(record)));
        } catch (RuntimeException e) {
            return new Received.Rejected(new Rejection(where, EventDecoder.unexpected(e), String.valueOf(record)));
        }
    }

    private static StreamRecordFields fields(DynamodbStreamRecord record) {
        if (record == null) {
            throw new IllegalArgumentException("the record is missing");
        }
        StreamRecord dynamodb = record.getDynamodb();
        if (dynamodb == null) {
            throw new IllegalArgumentException("dynamodb is missing");
        }
        Identity identity = record.getUserIdentity();
        return new StreamRecordFields(
                record.getEventID(),
                record.getEventName(),
                record.getEventSourceARN(),
                dynamodb.getStreamViewType(),
                dynamodb.getSequenceNumber(),
                LambdaAttributeValues.item(dynamodb.getKeys(), "dynamodb.Keys"),
                LambdaAttributeValues.item(dynamodb.getOldImage(), "dynamodb.OldImage"),
                LambdaAttributeValues.item(dynamodb.getNewImage(), "dynamodb.NewImage"),
                dynamodb.getApproximateCreationDateTime() == null
                        ? null
                        : Instant.ofEpochMilli(
                                dynamodb.getApproximateCreationDateTime().getTime()),
                identity == null ? null : identity.getType(),
                identity == null ? null : identity.getPrincipalId());
    }
}
