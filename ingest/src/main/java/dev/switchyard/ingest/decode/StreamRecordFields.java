package dev.switchyard.ingest.decode;

import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.contracts.stream.TableChange;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One DynamoDB stream record's fields as read from either form Lambda gives it (the event JSON, or the
 * runtime's {@code DynamodbEvent} classes), and the rules that make a {@link TableChange} of them, shared so
 * that both forms decode alike. Null means absent.
 * See https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_Record.html
 */
record StreamRecordFields(
        String eventId,
        String eventName,
        String sourceArn,
        String viewType,
        String sequenceNumber,
        Map<String, Attr> keys,
        Map<String, Attr> oldImage,
        Map<String, Attr> newImage,
        Instant approximateCreation,
        String identityType,
        String identityPrincipal) {

    /**
     * The table a record without an {@code eventSourceARN} is taken to come from: Lambda always sets the
     * ARN, so only a record written by hand (a local file) lacks it, and that is a record of the control
     * table.
     */
    static final String UNNAMED_TABLE = "control-table";

    private static final String BOTH_IMAGES = "NEW_AND_OLD_IMAGES";
    /** DynamoDB's sequence numbers are 21 to 40 digits long. */
    private static final int SEQUENCE_DIGITS = 40;

    private static final long LATEST_SECOND =
            Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    /** {@code arn:PARTITION:dynamodb:REGION:ACCOUNT:table/NAME/stream/LABEL}; table names as DynamoDB allows. */
    private static final Pattern STREAM_ARN =
            Pattern.compile("arn:[a-z0-9-]+:dynamodb:[a-z0-9-]*:\\d*:table/([A-Za-z0-9_.-]{3,255})/stream/[^/]+");

    /** The seconds of an {@code ApproximateCreationDateTime}, which Lambda gives as a (fractional) number. */
    static Instant epochSeconds(BigDecimal seconds) {
        BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
        if (whole.signum() < 0 || whole.compareTo(BigDecimal.valueOf(LATEST_SECOND)) > 0) {
            throw outOfRange(JsonFields.shown(whole.toPlainString()));
        }
        return Instant.ofEpochSecond(whole.longValueExact());
    }

    /**
     * The change, to the second. A record without {@code ApproximateCreationDateTime} (such as the Lambda
     * developer guide's example) is refused: nothing else says when the change was made, and the reactor
     * orders by it.
     */
    TableChange toChange() {
        if (eventId == null || eventId.isBlank()) {
            throw new IllegalArgumentException("eventID is missing");
        }
        TableChange.Kind kind = kind();
        checkSequenceNumber();
        if (viewType != null && !BOTH_IMAGES.equals(viewType)) {
            throw new IllegalArgumentException("dynamodb.StreamViewType is '" + JsonFields.shown(viewType)
                    + "'; the control table's stream must be " + BOTH_IMAGES
                    + " so that every change carries the item before and after it");
        }
        if (keys == null || keys.isEmpty()) {
            throw new IllegalArgumentException("dynamodb.Keys is " + (keys == null ? "missing" : "empty"));
        }
        checkImages(kind);
        if (approximateCreation == null) {
            throw new IllegalArgumentException("dynamodb.ApproximateCreationDateTime is missing");
        }
        Instant at = approximateCreation.truncatedTo(ChronoUnit.SECONDS);
        if (at.isBefore(Instant.EPOCH) || at.getEpochSecond() > LATEST_SECOND) {
            throw outOfRange(Long.toString(at.getEpochSecond()));
        }
        boolean ttlExpiry = kind == TableChange.Kind.REMOVE
                && "Service".equals(identityType)
                && "dynamodb.amazonaws.com".equals(identityPrincipal);
        return new TableChange(eventId, sequenceNumber, kind, table(), keys, oldImage, newImage, at, ttlExpiry);
    }

    private TableChange.Kind kind() {
        if (eventName == null) {
            throw new IllegalArgumentException("eventName is missing");
        }
        for (TableChange.Kind kind : TableChange.Kind.values()) {
            if (kind.name().equals(eventName)) {
                return kind;
            }
        }
        throw new IllegalArgumentException(
                "eventName '" + JsonFields.shown(eventName) + "' is not one of INSERT, MODIFY, REMOVE");
    }

    private void checkSequenceNumber() {
        if (sequenceNumber == null) {
            throw new IllegalArgumentException("dynamodb.SequenceNumber is missing");
        }
        if (sequenceNumber.isEmpty()
                || sequenceNumber.length() > SEQUENCE_DIGITS
                || !sequenceNumber.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("dynamodb.SequenceNumber '" + JsonFields.shown(sequenceNumber)
                    + "' is not a sequence number (1 to " + SEQUENCE_DIGITS + " decimal digits)");
        }
    }

    private void checkImages(TableChange.Kind kind) {
        boolean wantsOld = kind != TableChange.Kind.INSERT;
        boolean wantsNew = kind != TableChange.Kind.REMOVE;
        if (wantsOld != (oldImage != null)) {
            throw imageProblem("dynamodb.OldImage", wantsOld, kind);
        }
        if (wantsNew != (newImage != null)) {
            throw imageProblem("dynamodb.NewImage", wantsNew, kind);
        }
    }

    private static IllegalArgumentException imageProblem(String field, boolean wanted, TableChange.Kind kind) {
        String record = (kind == TableChange.Kind.INSERT ? "an " : "a ") + kind + " record";
        return new IllegalArgumentException(
                wanted
                        ? field + " is missing; " + record + " of a " + BOTH_IMAGES + " stream carries it"
                        : field + " must be absent from " + record);
    }

    private String table() {
        if (sourceArn == null) {
            return UNNAMED_TABLE;
        }
        var matcher = STREAM_ARN.matcher(sourceArn);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("eventSourceARN '" + JsonFields.shown(sourceArn)
                    + "' is not a DynamoDB stream ARN (arn:aws:dynamodb:REGION:ACCOUNT:table/NAME/stream/LABEL)");
        }
        return matcher.group(1);
    }

    private static IllegalArgumentException outOfRange(String shown) {
        return new IllegalArgumentException("dynamodb.ApproximateCreationDateTime " + shown
                + " is out of range (epoch seconds from 1970 to the year 9999)");
    }
}
