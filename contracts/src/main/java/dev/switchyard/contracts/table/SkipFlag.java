package dev.switchyard.contracts.table;

import dev.switchyard.contracts.attr.Attr;
import java.util.Locale;

/**
 * The manual bypass of a job. Operators write it many ways, so YES/NO, Y/N and TRUE/FALSE in any case
 * and a DynamoDB BOOL are all accepted; missing or empty means NO; anything else is an error, because a
 * typo here must never decide silently whether a job runs.
 */
public final class SkipFlag {
    private SkipFlag() {}

    /**
     * True when the job is to be skipped.
     *
     * @param raw the SkipFlag attribute, or {@code null} when the column is missing
     * @throws IllegalArgumentException naming the text when it is none of the accepted values
     */
    public static boolean isSkipped(Attr raw) {
        return switch (raw) {
            case null -> false;
            case Attr.Bool b -> b.value();
            case Attr.Null x -> false;
            case Attr.S s -> parse(s.value());
            default ->
                throw new IllegalArgumentException(
                        "SkipFlag must be a string or a boolean, found a " + raw.typeName() + " value");
        };
    }

    private static boolean parse(String text) {
        return switch (text.strip().toUpperCase(Locale.ROOT)) {
            case "", "NO", "N", "FALSE" -> false;
            case "YES", "Y", "TRUE" -> true;
            default ->
                throw new IllegalArgumentException(
                        "SkipFlag must be YES/NO, Y/N or TRUE/FALSE (any case), found '" + text + "'");
        };
    }

    /** The flag as text, the way it reads in a file: the string as written, or true/false. */
    public static String text(Attr raw) {
        return switch (raw) {
            case null -> null;
            case Attr.S s -> s.value();
            case Attr.Bool b -> Boolean.toString(b.value());
            default -> raw.toString();
        };
    }
}
