package dev.switchyard.ingest.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import dev.switchyard.contracts.event.Received;
import dev.switchyard.ingest.decode.LambdaStreamRecords;
import dev.switchyard.reactor.ports.TransientFailureException;
import dev.switchyard.reactor.react.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The Lambda function of the control table's DynamoDB stream (event source mapping with {@code
 * ReportBatchItemFailures}): each record becomes a control-table change for the reactor (an audit entry), and
 * the answer is a partial batch response naming the records that failed by their sequence numbers.
 *
 * <p>Every record of the batch is tried, whatever was rejected or failed before it: every effect is idempotent,
 * and Lambda retries from the lowest failed sequence number, so records after a failure that were handled are
 * handled again harmlessly. Except after a transient failure (a store or a Kafka broker that is unavailable):
 * the records after it are failed without being tried, since each would wait out the same timeout and Lambda
 * retries them anyway. A record fails when
 *
 * <ul>
 *   <li>it is rejected (it cannot be decoded): it is reported to the rejection sink as well. It will be
 *       rejected again on each retry, so the mapping must bound its retries ({@code MaximumRetryAttempts},
 *       {@code MaximumRecordAgeInSeconds}) and name an on-failure destination, which then receives the
 *       batch's coordinates: a poison record must not stall the shard, and must not vanish (SPEC §4);
 *   <li>handling it throws (a transient failure, or anything else), which is logged as a retry.
 * </ul>
 *
 * A failed record without a sequence number cannot be named, so the whole batch is failed deliberately with
 * the empty item identifier, which Lambda reads as a complete failure. See "Reporting batch item failures" in
 * https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html.
 */
public final class TableStreamHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    /** The item identifier that fails the whole batch. */
    static final String WHOLE_BATCH = "";

    private final Wiring wiring;

    /** The Lambda runtime's constructor: wires the real adapters once, from the environment (see {@link Wiring}). */
    public TableStreamHandler() {
        this(Wiring.fromEnvironment(System.getenv()));
    }

    /** A handler on the given wiring, for {@code switchyard invoke} and tests. */
    public TableStreamHandler(Wiring wiring) {
        this.wiring = Objects.requireNonNull(wiring, "wiring");
    }

    /** @param context unused; may be null */
    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        List<BatchItemFailure> failures = new ArrayList<>();
        boolean unnamed = false;
        List<DynamodbStreamRecord> records =
                event == null || event.getRecords() == null ? List.of() : event.getRecords();
        boolean unavailable = false;
        for (DynamodbStreamRecord record : records) {
            if (!unavailable) {
                try {
                    if (handled(record)) {
                        continue;
                    }
                } catch (TransientFailureException e) {
                    unavailable = true;
                }
            }
            String sequence = sequenceNumber(record);
            if (sequence == null || sequence.isBlank()) {
                unnamed = true;
            } else {
                failures.add(new BatchItemFailure(sequence));
            }
        }
        if (unnamed) {
            return new StreamsEventResponse(List.of(new BatchItemFailure(WHOLE_BATCH)));
        }
        return new StreamsEventResponse(failures);
    }

    private boolean handled(DynamodbStreamRecord record) {
        String where = "sequence " + sequenceNumber(record);
        try {
            return switch (LambdaStreamRecords.decode(record)) {
                case Received.Rejected rejected -> {
                    wiring.rejections().accept(rejected.rejection());
                    yield false;
                }
                case Received.Accepted accepted -> {
                    Outcome outcome = wiring.reactor()
                            .handle(accepted.event(), wiring.clock().instant());
                    if (outcome.kind() == Outcome.Kind.DEFERRED) {
                        wiring.retrying(where, new EventDeferredException(outcome.detail()));
                        yield false;
                    }
                    yield true;
                }
            };
        } catch (TransientFailureException e) {
            wiring.retrying(where, e);
            throw e;
        } catch (RuntimeException e) {
            wiring.retrying(where, e);
            return false;
        }
    }

    private static String sequenceNumber(DynamodbStreamRecord record) {
        return record == null || record.getDynamodb() == null
                ? null
                : record.getDynamodb().getSequenceNumber();
    }
}
