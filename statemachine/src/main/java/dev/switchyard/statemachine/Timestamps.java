package dev.switchyard.statemachine;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Timestamps as ASL reads and writes them. */
final class Timestamps {
    /** RFC 3339 with an uppercase T and Z, as the spec requires of timestamps in Choice rules and Wait states. */
    private static final Pattern RFC3339 =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");
    /** The Context Object's form, e.g. 2019-03-26T20:14:13.192Z: always milliseconds, always UTC. */
    private static final DateTimeFormatter CONTEXT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {}

    /** The instant, or null when the text is not an ASL timestamp. */
    static Instant parse(String text) {
        if (text == null || !RFC3339.matcher(text).matches()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static String format(Instant instant) {
        return CONTEXT.format(instant);
    }
}
