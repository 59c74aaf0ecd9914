package dev.switchyard.contracts.schedule;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;

/** What one RunCondition term (without its {@code !}) says about a date. */
public sealed interface DateRule {

    boolean matches(LocalDate date);

    /** {@code ALL_DAYS}, {@code DAILY}. */
    record EveryDay() implements DateRule {
        @Override
        public boolean matches(LocalDate date) {
            return true;
        }
    }

    /** A set of weekdays: {@code MONDAY}, {@code MON}, {@code MON-FRI}, {@code WEEKDAYS}, {@code WEEKENDS}. */
    record DaysOfWeek(Set<DayOfWeek> days) implements DateRule {
        public DaysOfWeek {
            days = Set.copyOf(days);
            if (days.isEmpty()) {
                throw new IllegalArgumentException("no weekday");
            }
        }

        @Override
        public boolean matches(LocalDate date) {
            return days.contains(date.getDayOfWeek());
        }
    }

    /** {@code DAY_n}: that day of the month; never in months without it. */
    record DayOfMonth(int day) implements DateRule {
        public DayOfMonth {
            if (day < 1 || day > 31) {
                throw new IllegalArgumentException("day of month must be 1-31: " + day);
            }
        }

        @Override
        public boolean matches(LocalDate date) {
            return date.getDayOfMonth() == day;
        }
    }

    /** {@code LAST_DAY}. */
    record LastDayOfMonth() implements DateRule {
        @Override
        public boolean matches(LocalDate date) {
            return date.getDayOfMonth() == date.lengthOfMonth();
        }
    }

    /** {@code FIRST_WEEKDAY}: the first Monday–Friday of the month. */
    record FirstWeekdayOfMonth() implements DateRule {
        @Override
        public boolean matches(LocalDate date) {
            if (isWeekend(date)) {
                return false;
            }
            // Only days 1-3 can be the first weekday: the 1st, or a Monday on the 2nd or 3rd.
            int d = date.getDayOfMonth();
            return d == 1 || (d <= 3 && date.getDayOfWeek() == DayOfWeek.MONDAY);
        }
    }

    /** {@code LAST_WEEKDAY}: the last Monday–Friday of the month. */
    record LastWeekdayOfMonth() implements DateRule {
        @Override
        public boolean matches(LocalDate date) {
            if (isWeekend(date)) {
                return false;
            }
            int left = date.lengthOfMonth() - date.getDayOfMonth();
            return left == 0 || (left <= 2 && date.getDayOfWeek() == DayOfWeek.FRIDAY);
        }
    }

    /** {@code MON#2}: the n-th such weekday of the month, n 1–5. */
    record NthDayOfWeek(DayOfWeek day, int n) implements DateRule {
        public NthDayOfWeek {
            Objects.requireNonNull(day, "day");
            if (n < 1 || n > 5) {
                throw new IllegalArgumentException("n must be 1-5: " + n);
            }
        }

        @Override
        public boolean matches(LocalDate date) {
            return date.getDayOfWeek() == day && (date.getDayOfMonth() - 1) / 7 + 1 == n;
        }
    }

    /** {@code LAST_FRI}: the last such weekday of the month. */
    record LastDayOfWeek(DayOfWeek day) implements DateRule {
        public LastDayOfWeek {
            Objects.requireNonNull(day, "day");
        }

        @Override
        public boolean matches(LocalDate date) {
            return date.getDayOfWeek() == day && date.getDayOfMonth() + 7 > date.lengthOfMonth();
        }
    }

    /** {@code 2026-12-24}: that date. */
    record OnDate(LocalDate date) implements DateRule {
        public OnDate {
            Objects.requireNonNull(date, "date");
        }

        @Override
        public boolean matches(LocalDate other) {
            return date.equals(other);
        }
    }

    /** {@code cron(...)}: an EventBridge cron expression, judged on its date fields. */
    record Cron(CronSchedule schedule) implements DateRule {
        public Cron {
            Objects.requireNonNull(schedule, "schedule");
        }

        @Override
        public boolean matches(LocalDate date) {
            return schedule.matches(date);
        }
    }

    private static boolean isWeekend(LocalDate date) {
        DayOfWeek d = date.getDayOfWeek();
        return d == DayOfWeek.SATURDAY || d == DayOfWeek.SUNDAY;
    }
}
