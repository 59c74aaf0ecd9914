package dev.switchyard.contracts.schedule;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators of dates and of valid RunCondition terms, shared by the property tests. */
public final class Terms {
    private Terms() {}

    /** Dates EventBridge cron years cover: 1970 to 2199. */
    public static Arbitrary<LocalDate> dates() {
        return Arbitraries.longs()
                .between(
                        LocalDate.of(1970, 1, 1).toEpochDay(),
                        LocalDate.of(2199, 12, 31).toEpochDay())
                .map(LocalDate::ofEpochDay);
    }

    public static Arbitrary<String> dayNames() {
        return Arbitraries.of(DayOfWeek.values())
                .flatMap(d -> Arbitraries.of(d.name(), d.name().substring(0, 3)));
    }

    /** Any single valid term, without negation, in random letter case. */
    public static Arbitrary<String> positiveTerms() {
        Arbitrary<String> fixed = Arbitraries.of(
                "ALL_DAYS", "DAILY", "WEEKDAYS", "WEEKENDS", "LAST_DAY", "FIRST_WEEKDAY", "LAST_WEEKDAY");
        Arbitrary<String> range = Combinators.combine(dayNames(), dayNames()).as((a, b) -> a + "-" + b);
        Arbitrary<String> dayOfMonth = Arbitraries.integers().between(1, 31).map(n -> "DAY_" + n);
        Arbitrary<String> nth = Combinators.combine(
                        dayNames(), Arbitraries.integers().between(1, 5))
                .as((d, n) -> d.substring(0, 3) + "#" + n);
        Arbitrary<String> last = dayNames().map(d -> "LAST_" + d.substring(0, 3));
        Arbitrary<String> date = dates().map(LocalDate::toString);
        Arbitrary<String> cron = Arbitraries.of(
                "cron(0 0 ? * MON-FRI *)",
                "cron(0 12 1,15 * ? *)",
                "cron(0 0 L * ? *)",
                "cron(0 0 ? * 6L *)",
                "cron(0 0 ? * 2#1 *)",
                "cron(15 10 ? JAN-MAR,NOV 2-4 2020-2030)");
        return Arbitraries.oneOf(fixed, dayNames(), range, dayOfMonth, nth, last, date, cron)
                .flatMap(t -> Arbitraries.of(t, t.toLowerCase(Locale.ROOT)));
    }
}
