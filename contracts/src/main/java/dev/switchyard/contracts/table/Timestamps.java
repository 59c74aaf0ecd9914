package dev.switchyard.contracts.table;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * {@code LastRunTimestamp} text: ISO-8601 UTC at seconds precision with a {@code Z}
 * ({@code 2026-11-30T08:05:12Z}); the seed table's {@code 2026-10-25-T08:00:00Z} is accepted on read.
 */
public final class Timestamps {
    private Timestamps() {}

    /** Parses either form; empty when the text is neither. */
    public static Optional<Instant> parse(String text) {
        String t = text.strip();
        int legacy = t.indexOf("-T");
        if (legacy == 10) {
            t = t.substring(0, 10) + t.substring(11);
        }
        try {
            return Optional.of(DateTimeFormatter.ISO_INSTANT.parse(t, Instant::from));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The canonical text, truncated to seconds. */
    public static String format(Instant instant) {
        return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
