package dev.switchyard.contracts.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One test per term of the grammar (SPEC §2), and one per kind of error. */
class RunConditionParserTest {
    // November 2026: Sun 1, Mon 2, ... Mon 30.
    private static final LocalDate MON_30_NOV = LocalDate.of(2026, 11, 30);

    private static List<LocalDate> matchesIn(String condition, int year, int month) {
        RunCondition c = RunCondition.parse(condition);
        LocalDate first = LocalDate.of(year, month, 1);
        return first.datesUntil(first.plusMonths(1)).filter(c::matches).toList();
    }

    private static List<Integer> daysIn(String condition, int year, int month) {
        return matchesIn(condition, year, month).stream()
                .map(LocalDate::getDayOfMonth)
                .toList();
    }

    @Test
    void allDaysAndDailyMatchEveryDay() {
        assertThat(daysIn("ALL_DAYS", 2026, 2)).hasSize(28);
        assertThat(daysIn("Daily", 2026, 2)).hasSize(28);
    }

    @Test
    void weekdayNamesLongAndShortMatchThatWeekday() {
        assertThat(daysIn("MONDAY", 2026, 11)).containsExactly(2, 9, 16, 23, 30);
        assertThat(daysIn("mon", 2026, 11)).containsExactly(2, 9, 16, 23, 30);
        assertThat(daysIn("Sunday", 2026, 11)).containsExactly(1, 8, 15, 22, 29);
    }

    @Test
    void theSeedArticlesListMatchesEitherDay() {
        assertThat(daysIn("Monday, Wednesday", 2026, 11)).containsExactly(2, 4, 9, 11, 16, 18, 23, 25, 30);
        assertThat(daysIn("MONDAY,TUESDAY", 2026, 11)).containsExactly(2, 3, 9, 10, 16, 17, 23, 24, 30);
    }

    @Test
    void weekdayRangesIncludeBothEndsAndMayWrap() {
        assertThat(daysIn("MON-FRI", 2026, 11).subList(0, 5)).containsExactly(2, 3, 4, 5, 6);
        assertThat(daysIn("FRI-MON", 2026, 11).subList(0, 4)).containsExactly(1, 2, 6, 7);
        assertThat(daysIn("wednesday-wednesday", 2026, 11)).containsExactly(4, 11, 18, 25);
    }

    @Test
    void weekdaysAndWeekends() {
        assertThat(daysIn("WEEKDAYS", 2026, 11)).hasSize(21);
        assertThat(daysIn("WEEKENDS", 2026, 11)).containsExactly(1, 7, 8, 14, 15, 21, 22, 28, 29);
    }

    @Test
    void dayOfMonthMatchesOnlyInMonthsThatHaveIt() {
        assertThat(daysIn("DAY_1", 2026, 2)).containsExactly(1);
        assertThat(daysIn("DAY_31", 2026, 11)).isEmpty();
        assertThat(daysIn("DAY_31", 2026, 12)).containsExactly(31);
        assertThat(daysIn("DAY_29", 2028, 2)).containsExactly(29);
    }

    @Test
    void lastDayOfTheMonth() {
        assertThat(daysIn("LAST_DAY", 2026, 2)).containsExactly(28);
        assertThat(daysIn("LAST_DAY", 2028, 2)).containsExactly(29);
        assertThat(daysIn("LAST_DAY", 2026, 11)).containsExactly(30);
    }

    @Test
    void firstAndLastWeekdayOfTheMonth() {
        assertThat(daysIn("FIRST_WEEKDAY", 2026, 11)).containsExactly(2); // the 1st is a Sunday
        assertThat(daysIn("FIRST_WEEKDAY", 2026, 8)).containsExactly(3); // the 1st is a Saturday
        assertThat(daysIn("LAST_WEEKDAY", 2026, 10)).containsExactly(30); // the 31st is a Saturday
        assertThat(daysIn("LAST_WEEKDAY", 2026, 11)).containsExactly(30);
    }

    @Test
    void nthWeekdayOfTheMonth() {
        assertThat(daysIn("MON#1", 2026, 11)).containsExactly(2);
        assertThat(daysIn("mon#5", 2026, 11)).containsExactly(30);
        assertThat(daysIn("TUE#5", 2026, 11)).isEmpty();
        assertThat(daysIn("FRIDAY#3", 2026, 11)).containsExactly(20);
    }

    @Test
    void lastSuchWeekdayOfTheMonth() {
        assertThat(daysIn("LAST_MON", 2026, 11)).containsExactly(30);
        assertThat(daysIn("LAST_FRI", 2026, 11)).containsExactly(27);
        assertThat(daysIn("last_sunday", 2026, 11)).containsExactly(29);
    }

    @Test
    void anIsoDateMatchesThatDateOnly() {
        assertThat(matchesIn("2026-12-24", 2026, 12)).containsExactly(LocalDate.of(2026, 12, 24));
        assertThat(matchesIn("2026-12-24", 2025, 12)).isEmpty();
    }

    @Test
    void cronIsJudgedOnItsDateFields() {
        assertThat(daysIn("cron(0 0 ? * MON-FRI *)", 2026, 11)).hasSize(21);
        assertThat(daysIn("cron(30 6 1,15 * ? *)", 2026, 11)).containsExactly(1, 15);
        assertThat(daysIn("CRON(0 0 L * ? 2026)", 2026, 11)).containsExactly(30);
        assertThat(daysIn("cron(0 0 L * ? 2027)", 2026, 11)).isEmpty();
    }

    @Test
    void commasInsideCronBelongToTheExpression() {
        RunCondition c = RunCondition.parse("cron(0 0 1,15 * ? *), DAY_20");
        assertThat(c.terms()).extracting(Term::text).containsExactly("cron(0 0 1,15 * ? *)", "DAY_20");
        assertThat(daysIn("cron(0 0 1,15 * ? *), DAY_20", 2026, 11)).containsExactly(1, 15, 20);
    }

    @Test
    void negationExcludesAndOnlyNegativesMeanEveryDayExcept() {
        assertThat(daysIn("WEEKDAYS,!FRI", 2026, 11)).hasSize(17);
        assertThat(daysIn("!WEEKENDS", 2026, 11)).hasSize(21);
        assertThat(daysIn("!DAY_1, !LAST_DAY", 2026, 11)).hasSize(28);
        assertThat(daysIn("! MON", 2026, 11)).hasSize(25);
    }

    @Test
    void evaluationNamesTheDecidingTerm() {
        RunCondition c = RunCondition.parse("MON-FRI, !LAST_MON");
        assertThat(c.evaluate(MON_30_NOV).runs()).isFalse();
        assertThat(c.evaluate(MON_30_NOV).because().text()).isEqualTo("!LAST_MON");
        assertThat(c.evaluate(MON_30_NOV.minusDays(1)).because()).isNull();
        assertThat(c.evaluate(MON_30_NOV.minusDays(3)).because().text()).isEqualTo("MON-FRI");
    }

    @Test
    void termsRememberTheirPosition() {
        RunCondition c = RunCondition.parse("  MON ,  !TUE");
        assertThat(c.terms()).extracting(Term::position).containsExactly(3, 10);
        assertThat(c.terms()).extracting(Term::negated).containsExactly(false, true);
    }

    private static void assertError(String condition, String offending, int position, String reason) {
        ThrowingCallable parse = () -> RunCondition.parse(condition);
        assertThatThrownBy(parse).isInstanceOfSatisfying(RunConditionException.class, e -> {
            assertThat(e.offending()).isEqualTo(offending);
            assertThat(e.position()).isEqualTo(position);
            assertThat(e.reason()).contains(reason);
            assertThat(e.getMessage()).contains(reason);
        });
    }

    @Test
    void emptyOrMissingConditionIsInvalid() {
        assertError("", "", 1, "RunCondition is empty");
        assertError("   ", "   ", 1, "RunCondition is empty");
        assertThatThrownBy(() -> RunCondition.parse(null))
                .isInstanceOf(RunConditionException.class)
                .hasMessageContaining("empty");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "MON,,TUE    | ,        | 5  | two commas in a row",
                "MON,        | ,        | 4  | trailing comma",
                ",MON        | ,        | 1  | leading comma",
                "MON, ,TUE   | ,        | 6  | two commas in a row",
            })
    void emptyTermsAreInvalid(String condition, String offending, int position, String reason) {
        assertError(condition, offending, position, reason);
    }

    @Test
    void unknownWordsAreNamedWithTheirPositionAndAHint() {
        assertError("MON, TEUSDAY", "TEUSDAY", 6, "did you mean TUESDAY?");
        assertError("WEEKDAYS,HOLIDAYS", "HOLIDAYS", 10, "unknown term");
        assertError("MON-FUN", "MON-FUN", 1, "'FUN' is not a weekday");
    }

    @Test
    void outOfRangeNumbersAreInvalid() {
        assertError("DAY_0", "DAY_0", 1, "day of month must be 1 to 31");
        assertError("DAY_32", "DAY_32", 1, "day of month must be 1 to 31");
        assertError("MON#6", "MON#6", 1, "must be 1 to 5");
        assertError("MON#0", "MON#0", 1, "must be 1 to 5");
        assertError("FOO#1", "FOO#1", 1, "'FOO' is not a weekday");
    }

    @Test
    void impossibleDatesAreInvalid() {
        assertError("MON, 2026-02-30", "2026-02-30", 6, "not a valid date");
        assertError("2026-13-01", "2026-13-01", 1, "not a valid date");
    }

    @Test
    void misusedNegationIsInvalid() {
        assertError("MON,!", "!", 5, "'!' must be followed by a term");
        assertError("!!MON", "!!MON", 1, "double negation");
    }

    @Test
    void unbalancedParenthesesAreInvalid() {
        assertError("cron(0 0 ? * MON-FRI *", "cron(0 0 ? * MON-FRI *", 1, "never closed");
        assertError("MON)", ")", 4, "without a matching '('");
        assertError("cron(0 0 ? * MON *) x", "cron(0 0 ? * MON *) x", 1, "must end with ')'");
    }

    @Test
    void cronErrorsPointIntoTheExpression() {
        assertThatThrownBy(() -> RunCondition.parse("MON, cron(0 0 ? * MON-FRI)"))
                .isInstanceOfSatisfying(RunConditionException.class, e -> {
                    assertThat(e.reason()).contains("6 fields");
                    assertThat(e.condition()).isEqualTo("MON, cron(0 0 ? * MON-FRI)");
                    assertThat(e.position()).isBetween(6, 27);
                });
        assertThatThrownBy(() -> RunCondition.parse("cron(0 0 ? * MON-FRX *)"))
                .isInstanceOfSatisfying(RunConditionException.class, e -> {
                    assertThat(e.position()).isEqualTo(18); // the F of FRX
                    assertThat(e.offending()).contains("FRX");
                });
    }
}
