package dev.switchyard.contracts.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Laws of the RunCondition grammar that must hold for every date (SPEC §2). */
class RunConditionProperties {

    @Provide
    Arbitrary<LocalDate> dates() {
        return Terms.dates();
    }

    @Provide
    Arbitrary<String> terms() {
        return Terms.positiveTerms();
    }

    @Provide
    Arbitrary<YearMonth> months() {
        return Terms.dates().map(YearMonth::from);
    }

    @Property(tries = 2000)
    void allDaysMatchesEveryDate(@ForAll("dates") LocalDate date) {
        assertThat(RunCondition.parse("ALL_DAYS").matches(date)).isTrue();
        assertThat(RunCondition.parse("daily").matches(date)).isTrue();
    }

    @Property(tries = 2000)
    void weekdaysAndWeekendsPartitionTheWeek(@ForAll("dates") LocalDate date) {
        boolean weekday = RunCondition.parse("WEEKDAYS").matches(date);
        boolean weekend = RunCondition.parse("WEEKENDS").matches(date);
        assertThat(weekday).isNotEqualTo(weekend);
        assertThat(weekend)
                .isEqualTo(date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY);
    }

    @Property(tries = 3000)
    void negationIsTheComplement(@ForAll("terms") String term, @ForAll("dates") LocalDate date) {
        boolean positive = RunCondition.parse(term).matches(date);
        boolean negative = RunCondition.parse("!" + term).matches(date);
        assertThat(negative).as("!%s on %s", term, date).isNotEqualTo(positive);
    }

    @Property(tries = 3000)
    void aDateMatchesAListWhenSomeTermMatchesIt(
            @ForAll("terms") String a, @ForAll("terms") String b, @ForAll("dates") LocalDate date) {
        boolean either =
                RunCondition.parse(a).matches(date) || RunCondition.parse(b).matches(date);
        assertThat(RunCondition.parse(a + " , " + b).matches(date)).isEqualTo(either);
    }

    @Property(tries = 3000)
    void anExclusionWinsOverEveryInclusion(
            @ForAll("terms") String a, @ForAll("terms") String b, @ForAll("dates") LocalDate date) {
        boolean expected =
                RunCondition.parse(a).matches(date) && !RunCondition.parse(b).matches(date);
        assertThat(RunCondition.parse(a + ",!" + b).matches(date)).isEqualTo(expected);
    }

    @Property(tries = 500)
    void nthWeekdayMatchesAtMostOneDayAMonth(
            @ForAll("months") YearMonth month, @ForAll DayOfWeek day, @ForAll @IntRange(min = 1, max = 5) int n) {
        RunCondition condition = RunCondition.parse(day.name().substring(0, 3) + "#" + n);
        long matches = month.atDay(1)
                .datesUntil(month.plusMonths(1).atDay(1))
                .filter(condition::matches)
                .count();
        assertThat(matches).isLessThanOrEqualTo(1);
        if (n <= 4) {
            assertThat(matches).as("every month has four of each weekday").isEqualTo(1);
        }
    }

    @Property(tries = 2000)
    void lastDayIsTheDayBeforeDayOneOfTheNextMonth(@ForAll("dates") LocalDate date) {
        assertThat(RunCondition.parse("LAST_DAY").matches(date))
                .isEqualTo(RunCondition.parse("DAY_1").matches(date.plusDays(1)));
    }

    @Property(tries = 500)
    void firstAndLastWeekdayMatchExactlyOneWeekdayAMonth(@ForAll("months") YearMonth month) {
        for (String term : new String[] {"FIRST_WEEKDAY", "LAST_WEEKDAY"}) {
            RunCondition condition = RunCondition.parse(term);
            var days = month.atDay(1)
                    .datesUntil(month.plusMonths(1).atDay(1))
                    .filter(condition::matches)
                    .toList();
            assertThat(days).as(term + " in " + month).hasSize(1);
            assertThat(RunCondition.parse("WEEKDAYS").matches(days.getFirst())).isTrue();
        }
    }

    @Property(tries = 1000)
    void lastWeekdayOfTheMonthIsTheLastSuchDay(@ForAll("dates") LocalDate date, @ForAll DayOfWeek day) {
        boolean expected =
                date.getDayOfWeek() == day && !date.plusWeeks(1).getMonth().equals(date.getMonth());
        assertThat(RunCondition.parse("LAST_" + day.name().substring(0, 3)).matches(date))
                .isEqualTo(expected);
    }

    @Property(tries = 2000)
    void termsAreCaseAndBlankInsensitive(@ForAll("terms") String term, @ForAll("dates") LocalDate date) {
        assertThat(RunCondition.parse("  " + term.toLowerCase() + "\t").matches(date))
                .isEqualTo(RunCondition.parse(term.toUpperCase()).matches(date));
    }

    @Property(tries = 10)
    void cronWeekdaysAgreesWithWeekdaysOverTenYears(@ForAll @IntRange(min = 1970, max = 2189) int startYear) {
        RunCondition cron = RunCondition.parse("cron(0 0 ? * MON-FRI *)");
        RunCondition weekdays = RunCondition.parse("WEEKDAYS");
        LocalDate start = LocalDate.of(startYear, 1, 1);
        start.datesUntil(start.plusYears(10))
                .forEach(d -> assertThat(cron.matches(d)).as("%s", d).isEqualTo(weekdays.matches(d)));
    }
}
