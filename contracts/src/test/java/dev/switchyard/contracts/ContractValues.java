package dev.switchyard.contracts;

import java.time.Instant;
import java.time.LocalDate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators of the values that fill the contracts: text in any script, instants and dates JSON can carry. */
public final class ContractValues {
    private static final long FIRST_SECOND =
            Instant.parse("1970-01-01T00:00:00Z").getEpochSecond();
    private static final long LAST_SECOND =
            Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

    private ContractValues() {}

    /**
     * Text with letters of several scripts, characters outside the Basic Multilingual Plane, quotes,
     * backslashes, control characters and Unicode line separators; may be empty.
     */
    public static Arbitrary<String> texts() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(8),
                Arbitraries.strings()
                        .withChars("éßøŁΩЖשׁع漢字かナ한\"\\/\n\r\t\u0000\u001f\u2028\u2029\u00a0")
                        .ofMaxLength(4),
                Arbitraries.of("😀", "𝄞", "👩‍👩‍👧", "🇩🇪"));
        return piece.list().ofMaxSize(4).map(pieces -> String.join("", pieces));
    }

    /** Names as a Glue job or a category might have them: never empty, mostly ASCII, sometimes not. */
    public static Arbitrary<String> names() {
        return Arbitraries.oneOf(
                Arbitraries.strings()
                        .withCharRange('a', 'z')
                        .withCharRange('A', 'Z')
                        .numeric()
                        .withChars("_-.")
                        .ofMinLength(1)
                        .ofMaxLength(30),
                texts().filter(s -> !s.isEmpty()));
    }

    /** Instants from 1970 to 9999 (RFC 3339's four-digit years), with and without fractions of a second. */
    public static Arbitrary<Instant> instants() {
        return Combinators.combine(
                        Arbitraries.longs().between(FIRST_SECOND, LAST_SECOND),
                        Arbitraries.oneOf(
                                Arbitraries.just(0),
                                Arbitraries.integers().between(0, 999).map(ms -> ms * 1_000_000),
                                Arbitraries.integers().between(0, 999_999_999)))
                .as(Instant::ofEpochSecond);
    }

    /** Dates from 1970 to 9999. */
    public static Arbitrary<LocalDate> dates() {
        return Arbitraries.longs()
                .between(
                        LocalDate.of(1970, 1, 1).toEpochDay(),
                        LocalDate.of(9999, 12, 31).toEpochDay())
                .map(LocalDate::ofEpochDay);
    }
}
