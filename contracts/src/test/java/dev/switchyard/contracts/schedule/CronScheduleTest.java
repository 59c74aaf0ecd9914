package dev.switchyard.contracts.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronScheduleTest {

    /** Parses the fields as they appear inside "cron(...)", so positions are those of the whole condition. */
    private static CronSchedule cron(String fields) {
        return CronSchedule.parse(fields, "cron(".length() + 1, "cron(" + fields + ")");
    }

    /** The days of the month that match, in order. */
    private static List<Integer> days(String fields, int year, int month) {
        CronSchedule schedule = cron(fields);
        List<Integer> days = new ArrayList<>();
        YearMonth yearMonth = YearMonth.of(year, month);
        for (int day = 1; day <= yearMonth.lengthOfMonth(); day++) {
            if (schedule.matches(yearMonth.atDay(day))) {
                days.add(day);
            }
        }
        return days;
    }

    /** The months of the year that match on their first day (a day-of-month '*' expression). */
    private static List<Integer> months(String monthField) {
        CronSchedule schedule = cron("0 0 * " + monthField + " ? *");
        List<Integer> months = new ArrayList<>();
        for (int month = 1; month <= 12; month++) {
            if (schedule.matches(LocalDate.of(2025, month, 1))) {
                months.add(month);
            }
        }
        return months;
    }

    /** The EventBridge weekdays (1=SUN ... 7=SAT) that match, tried over one week. */
    private static List<Integer> weekdays(String weekdayField) {
        CronSchedule schedule = cron("0 0 ? * " + weekdayField + " *");
        List<Integer> weekdays = new ArrayList<>();
        LocalDate sunday = LocalDate.of(2025, 6, 1);
        for (int i = 0; i < 7; i++) {
            if (schedule.matches(sunday.plusDays(i))) {
                weekdays.add(i + 1);
            }
        }
        return weekdays;
    }

    /** Parses and expects a failure whose offending text really is at the reported position. */
    private static RunConditionException failure(String fields) {
        String condition = "cron(" + fields + ")";
        RunConditionException e = catchThrowableOfType(
                RunConditionException.class, () -> CronSchedule.parse(fields, "cron(".length() + 1, condition));
        assertThat(e).as("parsing %s", condition).isNotNull();
        assertThat(e.condition()).isEqualTo(condition);
        assertThat(condition.substring(e.position() - 1)).startsWith(e.offending());
        return e;
    }

    @Nested
    class Weekdays {
        @Test
        void monToFriMatchesExactlyTheWorkingDaysOfTenYears() {
            CronSchedule schedule = cron("0 0 ? * MON-FRI *");
            for (LocalDate date = LocalDate.of(2020, 1, 1); date.getYear() < 2030; date = date.plusDays(1)) {
                boolean workingDay =
                        date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY;
                assertThat(schedule.matches(date))
                        .as("%s %s", date, date.getDayOfWeek())
                        .isEqualTo(workingDay);
            }
        }

        @Test
        void numbersCountFromSunday() {
            assertThat(weekdays("1")).containsExactly(1);
            assertThat(weekdays("2-6")).containsExactly(2, 3, 4, 5, 6);
            assertThat(cron("0 0 ? * 1 *").matches(LocalDate.of(2025, 6, 1))).isTrue(); // a Sunday
            assertThat(cron("0 0 ? * 7 *").matches(LocalDate.of(2025, 6, 7))).isTrue(); // a Saturday
        }

        @Test
        void namesAreCaseInsensitive() {
            assertThat(weekdays("sun,Wed,SAT")).containsExactly(1, 4, 7);
            assertThat(weekdays("mon-fri")).containsExactly(2, 3, 4, 5, 6);
        }

        @Test
        void rangesWrapRoundTheWeek() {
            assertThat(weekdays("FRI-MON")).containsExactly(1, 2, 6, 7);
            assertThat(weekdays("7-1")).containsExactly(1, 7);
            assertThat(weekdays("WED-WED")).containsExactly(4);
        }

        @Test
        void stepsCountFromTheStart() {
            assertThat(weekdays("*/2")).containsExactly(1, 3, 5, 7);
            assertThat(weekdays("MON/2")).containsExactly(2, 4, 6);
            assertThat(weekdays("2-6/2")).containsExactly(2, 4, 6);
            assertThat(weekdays("FRI-TUE/2")).containsExactly(1, 3, 6); // FRI, SUN, TUE
            assertThat(weekdays("*/7")).containsExactly(1);
            assertThat(weekdays("3/10")).containsExactly(3);
        }

        @Test
        void starAndListsMatchTheirDays() {
            assertThat(weekdays("*")).containsExactly(1, 2, 3, 4, 5, 6, 7);
            assertThat(weekdays("1,3,MON")).containsExactly(1, 2, 3);
        }
    }

    @Nested
    class DaysOfMonth {
        @Test
        void valuesListsAndRanges() {
            assertThat(days("0 0 15 * ? *", 2025, 2)).containsExactly(15);
            assertThat(days("0 0 1,15,31 * ? *", 2025, 4)).containsExactly(1, 15);
            assertThat(days("0 0 10-12,20 * ? *", 2025, 4)).containsExactly(10, 11, 12, 20);
        }

        @Test
        void stepsRunUpToTheEndOfTheField() {
            assertThat(days("0 0 */10 * ? *", 2025, 1)).containsExactly(1, 11, 21, 31);
            assertThat(days("0 0 5/10 * ? *", 2025, 1)).containsExactly(5, 15, 25);
            assertThat(days("0 0 1-20/7 * ? *", 2025, 1)).containsExactly(1, 8, 15);
            assertThat(days("0 0 31/5 * ? *", 2025, 1)).containsExactly(31);
        }

        @Test
        void starMatchesEveryDay() {
            assertThat(days("0 0 * * ? *", 2024, 2)).hasSize(29);
        }

        @Test
        void aDayTheMonthLacksNeverMatches() {
            assertThat(days("0 0 31 * ? *", 2025, 4)).isEmpty();
            assertThat(days("0 0 30 * ? *", 2024, 2)).isEmpty();
        }
    }

    @Nested
    class Months {
        @Test
        void numbersAndNames() {
            assertThat(months("3")).containsExactly(3);
            assertThat(months("JAN,jul,Dec")).containsExactly(1, 7, 12);
            assertThat(months("MAR-6")).containsExactly(3, 4, 5, 6);
        }

        @Test
        void rangesWrapRoundTheYear() {
            assertThat(months("NOV-FEB")).containsExactly(1, 2, 11, 12);
            assertThat(months("12-1")).containsExactly(1, 12);
            assertThat(months("OCT-MAR/2")).containsExactly(2, 10, 12); // OCT, DEC, FEB
        }

        @Test
        void steps() {
            assertThat(months("*/3")).containsExactly(1, 4, 7, 10);
            assertThat(months("FEB/6")).containsExactly(2, 8);
        }

        @Test
        void aMonthThatDoesNotMatchRejectsEveryDayOfIt() {
            assertThat(days("0 0 * FEB ? *", 2025, 3)).isEmpty();
            assertThat(days("0 0 * FEB ? *", 2025, 2)).hasSize(28);
        }
    }

    @Nested
    class Years {
        @Test
        void valuesRangesAndSteps() {
            CronSchedule schedule = cron("0 0 * * ? 2024,2026-2027,2030/5");
            assertThat(schedule.matches(LocalDate.of(2024, 5, 5))).isTrue();
            assertThat(schedule.matches(LocalDate.of(2025, 5, 5))).isFalse();
            assertThat(schedule.matches(LocalDate.of(2026, 5, 5))).isTrue();
            assertThat(schedule.matches(LocalDate.of(2027, 5, 5))).isTrue();
            assertThat(schedule.matches(LocalDate.of(2028, 5, 5))).isFalse();
            assertThat(schedule.matches(LocalDate.of(2035, 5, 5))).isTrue();
            assertThat(schedule.matches(LocalDate.of(2195, 5, 5))).isTrue();
            assertThat(schedule.matches(LocalDate.of(2196, 5, 5))).isFalse();
        }

        @Test
        void theEndsOfTheRangeMatch() {
            assertThat(cron("0 0 * * ? 1970").matches(LocalDate.of(1970, 1, 1))).isTrue();
            assertThat(cron("0 0 * * ? 2199").matches(LocalDate.of(2199, 12, 31)))
                    .isTrue();
            // Each 64-year word of the mask starts at a year like these.
            assertThat(cron("0 0 * * ? 2033-2034").matches(LocalDate.of(2034, 1, 1)))
                    .isTrue();
            assertThat(cron("0 0 * * ? 2033").matches(LocalDate.of(2034, 1, 1))).isFalse();
        }

        @Test
        void yearsEventBridgeCannotExpressNeverMatch() {
            CronSchedule everyDay = cron("0 0 * * ? *");
            assertThat(everyDay.matches(LocalDate.of(1969, 12, 31))).isFalse();
            assertThat(everyDay.matches(LocalDate.of(2200, 1, 1))).isFalse();
        }
    }

    @Nested
    class DayOfMonthSpecials {
        @Test
        void lastDayOfTheMonth() {
            assertThat(days("0 0 L * ? *", 2024, 2)).containsExactly(29);
            assertThat(days("0 0 L * ? *", 2025, 2)).containsExactly(28);
            assertThat(days("0 0 l * ? *", 2025, 4)).containsExactly(30);
            assertThat(days("0 0 L * ? *", 2025, 12)).containsExactly(31);
        }

        @Test
        void lastWeekdayOfTheMonth() {
            assertThat(days("0 0 LW * ? *", 2025, 4)).containsExactly(30); // Wednesday 30
            assertThat(days("0 0 LW * ? *", 2025, 5)).containsExactly(30); // 31 is a Saturday
            assertThat(days("0 0 lw * ? *", 2025, 8)).containsExactly(29); // 31 is a Sunday
            assertThat(days("0 0 LW * ? *", 2025, 11)).containsExactly(28); // 30 is a Sunday
        }

        @Test
        void nearestWeekdayIsTheDayItselfOnAWeekday() {
            assertThat(days("0 0 15W * ? *", 2025, 1)).containsExactly(15); // Wednesday
        }

        @Test
        void nearestWeekdayToASaturdayIsTheFridayBefore() {
            assertThat(days("0 0 15W * ? *", 2025, 2)).containsExactly(14);
        }

        @Test
        void nearestWeekdayToASundayIsTheMondayAfter() {
            assertThat(days("0 0 15W * ? *", 2025, 6)).containsExactly(16);
        }

        @Test
        void nearestWeekdayStaysInTheMonth() {
            assertThat(days("0 0 1W * ? *", 2025, 11)).containsExactly(3); // 1 is a Saturday: not October 31
            assertThat(days("0 0 31w * ? *", 2025, 8)).containsExactly(29); // 31 is a Sunday: not September 1
            assertThat(days("0 0 30W * ? *", 2025, 11)).containsExactly(28); // 30 is the last day and a Sunday
        }

        @Test
        void nearestWeekdayToADayTheMonthLacksNeverMatches() {
            assertThat(days("0 0 31W * ? *", 2025, 4)).isEmpty();
            assertThat(days("0 0 30W * ? *", 2024, 2)).isEmpty();
        }
    }

    @Nested
    class DayOfWeekSpecials {
        @Test
        void aLoneLIsSaturday() {
            assertThat(weekdays("L")).containsExactly(7);
        }

        @Test
        void lastGivenWeekdayOfTheMonth() {
            assertThat(days("0 0 ? * 6L *", 2025, 1)).containsExactly(31); // last Friday
            assertThat(days("0 0 ? * 6L *", 2025, 2)).containsExactly(28);
            assertThat(days("0 0 ? * 2l *", 2025, 3)).containsExactly(31); // last Monday
            assertThat(days("0 0 ? * FRIL *", 2025, 1)).containsExactly(31);
        }

        @Test
        void nthGivenWeekdayOfTheMonth() {
            assertThat(days("0 0 ? * 2#1 *", 2025, 9)).containsExactly(1); // first Monday
            assertThat(days("0 0 ? * 2#1 *", 2025, 6)).containsExactly(2);
            assertThat(days("0 0 ? * FRI#3 *", 2025, 1)).containsExactly(17);
            assertThat(days("0 0 ? * sun#2 *", 2025, 3)).containsExactly(9);
        }

        @Test
        void aFifthWeekdayOnlyMatchesInMonthsThatHaveOne() {
            assertThat(days("0 0 ? * 4#5 *", 2025, 1)).containsExactly(29); // fifth Wednesday
            assertThat(days("0 0 ? * 4#5 *", 2025, 2)).isEmpty();
        }
    }

    @Nested
    class Identity {
        @Test
        void minutesAndHoursDoNotChangeWhichDatesMatch() {
            CronSchedule midnight = cron("0 0 ? * MON *");
            CronSchedule busy = cron("*/5 8-17 ? * MON *");
            for (LocalDate date = LocalDate.of(2025, 1, 1); date.getYear() < 2026; date = date.plusDays(1)) {
                assertThat(busy.matches(date)).isEqualTo(midnight.matches(date));
            }
        }

        @Test
        void expressionIsTheTrimmedFieldsText() {
            CronSchedule schedule = CronSchedule.parse("  0 0 ? * mon-FRI *\t", 1, "x");
            assertThat(schedule.expression()).isEqualTo("0 0 ? * mon-FRI *");
            assertThat(schedule).hasToString("cron(0 0 ? * mon-FRI *)");
        }

        @Test
        void equalityFollowsTheExpressionText() {
            assertThat(cron("0 0 ? * MON *"))
                    .isEqualTo(CronSchedule.parse(" 0 0 ? * MON * ", 1, "other"))
                    .hasSameHashCodeAs(cron("0 0 ? * MON *"))
                    .isNotEqualTo(cron("0 0 ? * 2 *"))
                    .isNotEqualTo("0 0 ? * MON *");
        }

        @Test
        void fieldsMayBeSeparatedByAnyBlanks() {
            assertThat(days("0\t0  15 *  ?   *", 2025, 1)).containsExactly(15);
        }
    }

    @Nested
    class Errors {
        @ParameterizedTest
        @CsvSource({"'0 0 ? * MON', 5", "'0 0 ? * MON * *', 7", "'', 0", "'  ', 0", "'0', 1"})
        void wrongFieldCount(String fields, int found) {
            RunConditionException e = failure(fields);
            assertThat(e.reason())
                    .isEqualTo("cron(...) needs 6 fields: minutes hours day-of-month month day-of-week year; found "
                            + found);
            assertThat(e.offending()).isEqualTo(fields.strip());
        }

        @Test
        void wrongFieldCountPointsAtTheFirstField() {
            RunConditionException e = failure("  0 0 ? * MON");
            assertThat(e.offending()).isEqualTo("0 0 ? * MON");
            assertThat(e.position()).isEqualTo(8);
        }

        @ParameterizedTest
        @CsvSource({
            "'60 0 ? * MON *', 60, 6, minutes must be 0-59",
            "'0 24 ? * MON *', 24, 8, hours must be 0-23",
            "'0 0 0 * ? *', 0, 10, day-of-month must be 1-31",
            "'0 0 32 * ? *', 32, 10, day-of-month must be 1-31",
            "'0 0 1,32 * ? *', 32, 12, day-of-month must be 1-31",
            "'0 0 ? 13 MON *', 13, 12, month must be 1-12 or JAN-DEC",
            "'0 0 ? 0 MON *', 0, 12, month must be 1-12 or JAN-DEC",
            "'0 0 ? * 8 *', 8, 14, day-of-week must be 1-7 or SUN-SAT",
            "'0 0 ? * 0 *', 0, 14, day-of-week must be 1-7 or SUN-SAT",
            "'0 0 ? * MON 1969', 1969, 18, year must be 1970-2199",
            "'0 0 ? * MON 2020-2200', 2200, 23, year must be 1970-2199",
            "'0 0 ? * MON 99999999999', 99999999999, 18, year must be 1970-2199",
            "'0 0 ? * 9L *', 9, 14, day-of-week must be 1-7 or SUN-SAT",
            "'0 0 ? * 0#1 *', 0, 14, day-of-week must be 1-7 or SUN-SAT",
            "'0 0 32W * ? *', 32, 10, day-of-month must be 1-31",
            "'0 0 0W * ? *', 0, 10, day-of-month must be 1-31",
        })
        void valueOutOfRange(String fields, String offending, int position, String reason) {
            RunConditionException e = failure(fields);
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.offending()).isEqualTo(offending);
            assertThat(e.position()).isEqualTo(position);
        }

        @ParameterizedTest
        @CsvSource({
            "'0 0 ? FOO MON *', FOO, 12, unknown month name; use 1-12 or JAN-DEC",
            "'0 0 ? MON MON *', MON, 12, unknown month name; use 1-12 or JAN-DEC",
            "'0 0 ? * JAN *', JAN, 14, unknown day-of-week name; use 1-7 or SUN-SAT",
            "'0 0 ? * MONDAY *', MONDAY, 14, unknown day-of-week name; use 1-7 or SUN-SAT",
            "'0 0 ? * FRI#3,MO *', FRI#3, 14, 'L, nL and n#k must be alone in day-of-week'",
            "'0 0 MON * ? *', MON, 10, day-of-month must be a number 1-31",
            "'x 0 ? * MON *', x, 6, minutes must be a number 0-59",
            "'0 0 ? * MON 20x5', 20x5, 18, year must be a number 1970-2199",
            "'0 0 W * ? *', W, 10, day-of-month must be a number 1-31",
        })
        void notAValue(String fields, String offending, int position, String reason) {
            RunConditionException e = failure(fields);
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.offending()).isEqualTo(offending);
            assertThat(e.position()).isEqualTo(position);
        }

        @ParameterizedTest
        @CsvSource({
            "'*/0 0 ? * MON *', 0, 8, the step after '/' must be at least 1",
            "'0 0 1/x * ? *', x, 12, the step after '/' must be a whole number",
            "'0 0 ? * MON/-1 *', -1, 18, the step after '/' must be a whole number",
            "'0 0 ? * */2/2 *', 2/2, 16, the step after '/' must be a whole number",
            "'0 0 ? */ MON *', */, 12, a step needs a number after '/'",
        })
        void badStep(String fields, String offending, int position, String reason) {
            RunConditionException e = failure(fields);
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.offending()).isEqualTo(offending);
            assertThat(e.position()).isEqualTo(position);
        }

        @ParameterizedTest
        @CsvSource({
            "'0 0 20-10 * ? *', 20-10, 10, day-of-month range must not run backwards: 20 is after 10",
            "'0 22-2 ? * MON *', 22-2, 8, hours range must not run backwards: 22 is after 2",
            "'0 0 ? * MON 2030-2025/2', 2030-2025, 18, year range must not run backwards: 2030 is after 2025",
            "'0 0 1- * ? *', 1-, 10, day-of-month range needs a value on both sides of '-'",
            "'0 0 ? -JUN MON *', -JUN, 12, month range needs a value on both sides of '-'",
        })
        void badRange(String fields, String offending, int position, String reason) {
            RunConditionException e = failure(fields);
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.offending()).isEqualTo(offending);
            assertThat(e.position()).isEqualTo(position);
        }

        @ParameterizedTest
        @CsvSource({
            "'? 0 ? * MON *', ?, 6, '''?'' is only allowed in day-of-month or day-of-week'",
            "'0 0 ? ? MON *', ?, 12, '''?'' is only allowed in day-of-month or day-of-week'",
            "'0 0 ? * MON ?', ?, 18, '''?'' is only allowed in day-of-month or day-of-week'",
            "'0 0 1,? * ? *', ?, 12, '''?'' must be alone in day-of-month'",
            "'0 0 ? * ?,MON *', ?, 14, '''?'' must be alone in day-of-week'",
            "'0 0 ?? * MON *', ??, 10, '''?'' must be alone in day-of-month'",
        })
        void questionMarkMisused(String fields, String offending, int position, String reason) {
            RunConditionException e = failure(fields);
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.offending()).isEqualTo(offending);
            assertThat(e.position()).isEqualTo(position);
        }

        @Test
        void bothDayFieldsQuestionMarks() {
            RunConditionException e = failure("0 0 ? * ? *");
            assertThat(e.reason())
                    .isEqualTo("day-of-month and day-of-week cannot both be '?'; one of them must choose the days");
            assertThat(e.offending()).isEqualTo("?");
            assertThat(e.position()).isEqualTo(14);
        }

        @ParameterizedTest
        @CsvSource({"'0 0 * * MON *'", "'0 0 1 * * *'", "'0 0 L * 6L *'"})
        void neitherDayFieldAQuestionMark(String fields) {
            RunConditionException e = failure(fields);
            assertThat(e.reason())
                    .isEqualTo("day-of-month and day-of-week cannot both be given; one of them must be '?'");
            assertThat(e.offending()).isEqualTo(fields.split(" ")[4]);
            assertThat(e.position()).isEqualTo(14);
        }

        @ParameterizedTest
        @CsvSource({"'0 0 ,1 * ? *', ',1'", "'0 0 1,,2 * ? *', '1,,2'", "'0 0 ? * MON, *', 'MON,'"})
        void emptyElement(String fields, String offending) {
            RunConditionException e = failure(fields);
            assertThat(e.reason()).endsWith("has an empty element in its comma list");
            assertThat(e.offending()).isEqualTo(offending);
        }

        @ParameterizedTest
        @CsvSource({
            "'0 0 L,15 * ? *', L, 10, 'L, LW and nW must be alone in day-of-month'",
            "'0 0 1,LW * ? *', LW, 12, 'L, LW and nW must be alone in day-of-month'",
            "'0 0 1,15W * ? *', 15W, 12, 'L, LW and nW must be alone in day-of-month'",
            "'0 0 ? * 2#1,3#1 *', 2#1, 14, 'L, nL and n#k must be alone in day-of-week'",
            "'0 0 ? * MON,6L *', 6L, 18, 'L, nL and n#k must be alone in day-of-week'",
            "'0 0 ? * L,MON *', L, 14, 'L, nL and n#k must be alone in day-of-week'",
        })
        void specialNotAlone(String fields, String offending, int position, String reason) {
            RunConditionException e = failure(fields);
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.offending()).isEqualTo(offending);
            assertThat(e.position()).isEqualTo(position);
        }

        @ParameterizedTest
        @CsvSource({
            "'0 0 ? * 2#6 *', 6, 16, the week number after '#' must be 1-5",
            "'0 0 ? * 2#0 *', 0, 16, the week number after '#' must be 1-5",
            "'0 0 ? * 2#x *', x, 16, the week number after '#' must be 1-5",
            "'0 0 ? * 2# *', 2#, 14, n#k needs a week after '#'",
            "'0 0 ? * #2 *', #2, 14, n#k needs a weekday before '#'",
        })
        void badNthWeekday(String fields, String offending, int position, String reason) {
            RunConditionException e = failure(fields);
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.offending()).isEqualTo(offending);
            assertThat(e.position()).isEqualTo(position);
        }

        @Test
        void positionsCountFromTheGivenStart() {
            String condition = "weekday AND cron(0 0 ? * MON-FRY *)";
            int start = condition.indexOf('(') + 2;
            RunConditionException e = catchThrowableOfType(
                    RunConditionException.class,
                    () -> CronSchedule.parse(condition.substring(start - 1, condition.length() - 1), start, condition));
            assertThat(e.offending()).isEqualTo("FRY");
            assertThat(e.position()).isEqualTo(condition.indexOf("FRY") + 1);
            assertThat(e.getMessage())
                    .isEqualTo("'FRY' at position 30 of \"" + condition
                            + "\": unknown day-of-week name; use 1-7 or SUN-SAT");
        }

        @Test
        void theFirstWrongFieldIsReported() {
            RunConditionException e = failure("60 24 32 13 ? 1969");
            assertThat(e.offending()).isEqualTo("60");
        }
    }
}
