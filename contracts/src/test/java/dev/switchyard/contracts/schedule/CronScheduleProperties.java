package dev.switchyard.contracts.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;

class CronScheduleProperties {
    private static final long FIRST_DAY = LocalDate.of(1970, 1, 1).toEpochDay();
    private static final long LAST_DAY = LocalDate.of(2199, 12, 31).toEpochDay();
    private static final List<String> WEEKDAY_NAMES = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    @Provide
    Arbitrary<LocalDate> dates() {
        return Arbitraries.longs().between(FIRST_DAY, LAST_DAY).map(LocalDate::ofEpochDay);
    }

    private static CronSchedule cron(String fields) {
        return CronSchedule.parse(fields, 6, "cron(" + fields + ")");
    }

    /** The days of the date's month that the schedule matches. */
    private static List<LocalDate> matchingDaysOfMonth(CronSchedule schedule, LocalDate date) {
        YearMonth month = YearMonth.from(date);
        return month.atDay(1)
                .datesUntil(month.atEndOfMonth().plusDays(1))
                .filter(schedule::matches)
                .toList();
    }

    private static boolean isWeekday(LocalDate date) {
        return date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    // EventBridge numbers weekdays 1=SUN ... 7=SAT.
    private static int eventBridgeWeekday(LocalDate date) {
        return date.getDayOfWeek().getValue() % 7 + 1;
    }

    @Property(tries = 2000)
    void monToFriMatchesExactlyTheWeekdays(@ForAll("dates") LocalDate date) {
        assertThat(cron("0 0 ? * MON-FRI *").matches(date)).isEqualTo(isWeekday(date));
        assertThat(cron("0 0 ? * 2-6 *").matches(date)).isEqualTo(isWeekday(date));
    }

    @Property(tries = 2000)
    void everyDayExpressionsMatchEveryDate(@ForAll("dates") LocalDate date) {
        assertThat(cron("0 0 * * ? *").matches(date)).isTrue();
        assertThat(cron("0 0 ? * * *").matches(date)).isTrue();
        assertThat(cron("*/5 * ? */1 1-7 1970-2199").matches(date)).isTrue();
    }

    @Property(tries = 500)
    void firstMondayIsExactlyOneDayPerMonth(@ForAll("dates") LocalDate date) {
        List<LocalDate> matches = matchingDaysOfMonth(cron("0 0 ? * 2#1 *"), date);
        assertThat(matches).singleElement().satisfies(day -> {
            assertThat(day.getDayOfWeek()).isEqualTo(DayOfWeek.MONDAY);
            assertThat(day.getDayOfMonth()).isLessThanOrEqualTo(7);
        });
    }

    @Property(tries = 1000)
    void nthWeekdayIsTheWeekdayInTheKthWeek(
            @ForAll("dates") LocalDate date,
            @ForAll @IntRange(min = 1, max = 7) int weekday,
            @ForAll @IntRange(min = 1, max = 5) int week,
            @ForAll boolean byName) {
        String weekdayText = byName ? WEEKDAY_NAMES.get(weekday - 1) : String.valueOf(weekday);
        boolean expected = eventBridgeWeekday(date) == weekday && (date.getDayOfMonth() + 6) / 7 == week;
        assertThat(cron("0 0 ? * " + weekdayText + "#" + week + " *").matches(date))
                .isEqualTo(expected);
    }

    @Property(tries = 2000)
    void lastDayIsTheDayBeforeTheFirstOfTheNextMonth(@ForAll("dates") LocalDate date) {
        assertThat(cron("0 0 L * ? *").matches(date)).isEqualTo(date.plusDays(1).getDayOfMonth() == 1);
    }

    @Property(tries = 500)
    void lastWeekdayIsAWeekdayAndNoLaterWeekdayFollowsInTheMonth(@ForAll("dates") LocalDate date) {
        List<LocalDate> matches = matchingDaysOfMonth(cron("0 0 LW * ? *"), date);
        assertThat(matches).singleElement().satisfies(day -> {
            assertThat(isWeekday(day)).isTrue();
            assertThat(day.plusDays(1)
                            .datesUntil(YearMonth.from(day).atEndOfMonth().plusDays(1)))
                    .noneMatch(CronScheduleProperties::isWeekday);
        });
    }

    @Property(tries = 1000)
    void lastGivenWeekdayIsThatWeekdayInTheLastSevenDays(
            @ForAll("dates") LocalDate date, @ForAll @IntRange(min = 1, max = 7) int weekday) {
        boolean expected =
                eventBridgeWeekday(date) == weekday && date.plusDays(7).getMonth() != date.getMonth();
        assertThat(cron("0 0 ? * " + weekday + "L *").matches(date)).isEqualTo(expected);
    }

    @Property(tries = 1000)
    void nearestWeekdayIsTheClosestWeekdayInTheSameMonth(
            @ForAll("dates") LocalDate date, @ForAll @IntRange(min = 1, max = 31) int day) {
        List<LocalDate> matches = matchingDaysOfMonth(cron("0 0 " + day + "W * ? *"), date);
        YearMonth month = YearMonth.from(date);
        if (day > month.lengthOfMonth()) {
            assertThat(matches).isEmpty();
            return;
        }
        // Saturday and Sunday are one day nearer the weekday EventBridge picks than any other, so it is unique.
        int nearest = month.atDay(1)
                .datesUntil(month.atEndOfMonth().plusDays(1))
                .filter(CronScheduleProperties::isWeekday)
                .mapToInt(candidate -> Math.abs(candidate.getDayOfMonth() - day))
                .min()
                .orElseThrow();
        assertThat(matches).singleElement().satisfies(match -> {
            assertThat(isWeekday(match)).isTrue();
            assertThat(YearMonth.from(match)).isEqualTo(month);
            assertThat(Math.abs(match.getDayOfMonth() - day)).isEqualTo(nearest);
        });
    }

    @Property(tries = 1000)
    void monthRangesWrapRoundTheYear(
            @ForAll("dates") LocalDate date,
            @ForAll @IntRange(min = 1, max = 12) int start,
            @ForAll @IntRange(min = 1, max = 12) int end,
            @ForAll @IntRange(min = 1, max = 13) int step) {
        int month = date.getMonthValue();
        int distance = Math.floorMod(month - start, 12);
        boolean expected = distance <= Math.floorMod(end - start, 12) && distance % step == 0;
        assertThat(cron("0 0 * " + start + "-" + end + "/" + step + " ? *").matches(date))
                .isEqualTo(expected);
    }

    @Property(tries = 1000)
    void weekdayListsMatchTheirMembers(
            @ForAll("dates") LocalDate date,
            @ForAll @Size(min = 1, max = 7) @UniqueElements List<@IntRange(min = 1, max = 7) Integer> weekdays) {
        String field = weekdays.stream().map(w -> WEEKDAY_NAMES.get(w - 1)).collect(Collectors.joining(","));
        assertThat(cron("0 0 ? * " + field + " *").matches(date))
                .isEqualTo(weekdays.contains(eventBridgeWeekday(date)));
    }

    @Property(tries = 1000)
    void dayOfMonthStepsCountFromTheStart(
            @ForAll("dates") LocalDate date,
            @ForAll @IntRange(min = 1, max = 31) int start,
            @ForAll @IntRange(min = 1, max = 40) int step) {
        int day = date.getDayOfMonth();
        boolean expected = day >= start && (day - start) % step == 0;
        assertThat(cron("0 0 " + start + "/" + step + " * ? *").matches(date)).isEqualTo(expected);
    }

    @Property(tries = 1000)
    void aYearMatchesOnlyItself(@ForAll("dates") LocalDate date, @ForAll @IntRange(min = 1970, max = 2199) int year) {
        assertThat(cron("0 0 * * ? " + year).matches(date)).isEqualTo(date.getYear() == year);
    }

    @Property(tries = 500)
    void minutesAndHoursNeverChangeWhichDatesMatch(
            @ForAll("dates") LocalDate date,
            @ForAll @IntRange(min = 0, max = 59) int minute,
            @ForAll @IntRange(min = 0, max = 23) int hour) {
        assertThat(cron(minute + " " + hour + " ? JAN-JUN 6L *").matches(date))
                .isEqualTo(cron("0 0 ? JAN-JUN 6L *").matches(date));
    }

    @Property(tries = 500)
    void outOfRangeDaysAreReportedWhereTheyAre(
            @ForAll @IntRange(min = 32, max = 999) int day, @ForAll @IntRange(min = 1, max = 31) int good) {
        String fields = "0 0 " + good + "," + day + " * ? *";
        String condition = "x AND cron(" + fields + ")";
        RunConditionException e =
                catchThrowableOfType(RunConditionException.class, () -> CronSchedule.parse(fields, 12, condition));
        assertThat(e.offending()).isEqualTo(String.valueOf(day));
        assertThat(condition.substring(e.position() - 1)).startsWith(day + " * ? *)");
        assertThat(e.reason()).isEqualTo("day-of-month must be 1-31");
    }

    @Property(tries = 200)
    void caseDoesNotMatter(@ForAll("dates") LocalDate date) {
        Set<String> spellings = Set.of("0 0 ? nov-feb fri#2 *", "0 0 ? NOV-FEB FRI#2 *", "0 0 ? Nov-Feb Fri#2 *");
        assertThat(spellings.stream().map(s -> cron(s).matches(date)).distinct())
                .hasSize(1);
    }
}
