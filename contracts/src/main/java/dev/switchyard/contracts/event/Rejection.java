package dev.switchyard.contracts.event;

import java.util.Objects;

/**
 * An input record that cannot be used, and why (SPEC §4): reported, never retried forever, never dropped
 * in silence.
 *
 * @param where where the record was: {@code line 12} of a file, a stream record's sequence number, …
 * @param reason what is wrong, naming the field
 * @param record the record's text, cut to {@value #EXCERPT} characters
 */
public record Rejection(String where, String reason, String record) {
    /** How much of a rejected record is kept. */
    public static final int EXCERPT = 2_000;

    public Rejection {
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(reason, "reason");
        record = record == null ? "" : record.length() > EXCERPT ? record.substring(0, EXCERPT) + "…" : record;
    }
}
