package dev.switchyard.contracts.schedule;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** An EventBridge cron expression judged on its date fields (day-of-month, month, day-of-week, year). */
public final class CronSchedule {
    private static final int FIELD_COUNT = 6;
    private static final int FIRST_YEAR = 1970;
    private static final int LAST_YEAR = 2199;
    private static final int SUNDAY = 1;
    private static final int SATURDAY = 7;

    private final String expression;
    // Bit m is set for each month m (1-12) that matches.
    private final int months;
    // Bit (year - 1970) is set for each year that matches; never exposed, so the class stays immutable.
    private final long[] years;
    // Whichever of day-of-month and day-of-week is not '?': EventBridge lets only one of them choose the days.
    private final DayRule days;

    private CronSchedule(String expression, int months, long[] years, DayRule days) {
        this.expression = expression;
        this.months = months;
        this.years = years;
        this.days = days;
    }

    /**
     * @param fields the text between the parentheses of cron(...), e.g. "0 0 ? * MON-FRI *"
     * @param position 1-based position of the first character of {@code fields} within the whole RunCondition text
     * @param condition the whole RunCondition text, for error messages
     * @throws RunConditionException naming the offending field text, its 1-based position (position + offset of that
     *     field/element in fields), and the reason
     */
    public static CronSchedule parse(String fields, int position, String condition) {
        Objects.requireNonNull(fields, "fields");
        return new Parser(condition).parse(new Token(fields, position));
    }

    /** True when the date's day-of-month, month, day-of-week and year all match; minutes and hours play no part. */
    public boolean matches(LocalDate date) {
        return yearMatches(date.getYear()) && (months >>> date.getMonthValue() & 1) != 0 && days.matches(date);
    }

    /** The fields text as given, without leading and trailing blanks. */
    public String expression() {
        return expression;
    }

    private boolean yearMatches(int year) {
        int index = year - FIRST_YEAR;
        // Years EventBridge cannot express never match, even for '*'.
        return index >= 0 && index <= LAST_YEAR - FIRST_YEAR && (years[index >>> 6] >>> index & 1) != 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CronSchedule that && expression.equals(that.expression);
    }

    @Override
    public int hashCode() {
        return expression.hashCode();
    }

    @Override
    public String toString() {
        return "cron(" + expression + ")";
    }

    /** The six fields of an EventBridge cron expression, with their ranges and names. */
    private enum Field {
        MINUTES("minutes", 0, 59, List.of(), false),
        HOURS("hours", 0, 23, List.of(), false),
        DAY_OF_MONTH("day-of-month", 1, 31, List.of(), false),
        MONTH(
                "month",
                1,
                12,
                List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"),
                true),
        DAY_OF_WEEK("day-of-week", 1, 7, List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"), true),
        YEAR("year", FIRST_YEAR, LAST_YEAR, List.of(), false);

        final String label;
        final int min;
        final int max;
        // names.get(i) stands for min + i.
        final List<String> names;
        // Only month and day-of-week are cyclic, so only they may run from a later value round to an earlier one.
        final boolean wraps;

        Field(String label, int min, int max, List<String> names, boolean wraps) {
            this.label = label;
            this.min = min;
            this.max = max;
            this.names = names;
            this.wraps = wraps;
        }

        String range() {
            String numbers = min + "-" + max;
            return names.isEmpty() ? numbers : numbers + " or " + names.get(0) + "-" + names.get(names.size() - 1);
        }

        boolean isDayField() {
            return this == DAY_OF_MONTH || this == DAY_OF_WEEK;
        }
    }

    /** A piece of the condition text and the 1-based position of its first character in the whole condition. */
    private record Token(String text, int position) {
        Token sub(int from, int to) {
            return new Token(text.substring(from, to), position + from);
        }

        Token sub(int from) {
            return sub(from, text.length());
        }

        boolean is(String other) {
            return text.equalsIgnoreCase(other);
        }

        boolean endsWith(char letter) {
            return !text.isEmpty() && Character.toUpperCase(text.charAt(text.length() - 1)) == letter;
        }
    }

    /** Turns the fields text into a schedule, or fails naming the first wrong field or element. */
    private static final class Parser {
        private final String condition;

        Parser(String condition) {
            this.condition = condition;
        }

        CronSchedule parse(Token whole) {
            List<Token> tokens = split(whole);
            parseValues(tokens.get(0), Field.MINUTES);
            parseValues(tokens.get(1), Field.HOURS);
            DayRule dayOfMonth = parseDayOfMonth(tokens.get(2));
            int months = (int) parseValues(tokens.get(3), Field.MONTH).toLongArray()[0];
            DayRule dayOfWeek = parseDayOfWeek(tokens.get(4));
            long[] years = yearBits(parseValues(tokens.get(5), Field.YEAR));
            return new CronSchedule(
                    whole.text().strip(), months, years, chooseDays(dayOfMonth, dayOfWeek, tokens.get(4)));
        }

        private List<Token> split(Token whole) {
            String text = whole.text();
            List<Token> tokens = new ArrayList<>();
            int i = 0;
            while (i < text.length()) {
                if (Character.isWhitespace(text.charAt(i))) {
                    i++;
                    continue;
                }
                int start = i;
                while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                tokens.add(whole.sub(start, i));
            }
            if (tokens.size() != FIELD_COUNT) {
                throw fieldCount(whole, tokens.size());
            }
            return tokens;
        }

        private RunConditionException fieldCount(Token whole, int found) {
            String trimmed = whole.text().strip();
            int offset = trimmed.isEmpty() ? 0 : whole.text().indexOf(trimmed);
            return fail(
                    whole.sub(offset, offset + trimmed.length()),
                    "cron(...) needs 6 fields: minutes hours day-of-month month day-of-week year; found " + found);
        }

        // Exactly one of the two day fields must be '?' (ANY): EventBridge rejects both and neither.
        private DayRule chooseDays(DayRule dayOfMonth, DayRule dayOfWeek, Token dayOfWeekToken) {
            if (dayOfMonth == DayRule.ANY && dayOfWeek == DayRule.ANY) {
                throw fail(
                        dayOfWeekToken,
                        "day-of-month and day-of-week cannot both be '?'; one of them must choose the days");
            }
            if (dayOfMonth != DayRule.ANY && dayOfWeek != DayRule.ANY) {
                throw fail(
                        dayOfWeekToken, "day-of-month and day-of-week cannot both be given; one of them must be '?'");
            }
            return dayOfMonth == DayRule.ANY ? dayOfWeek : dayOfMonth;
        }

        private DayRule parseDayOfMonth(Token field) {
            if (field.is("?")) {
                return DayRule.ANY;
            }
            if (field.is("L")) {
                return DayRule.LAST_DAY;
            }
            if (field.is("LW")) {
                return DayRule.LAST_WEEKDAY;
            }
            if (isDayOfMonthSpecial(field) && !isList(field)) {
                Token day = field.sub(0, field.text().length() - 1);
                return new NearestWeekday(value(day, Field.DAY_OF_MONTH));
            }
            return new DaysOfMonth(parseValues(field, Field.DAY_OF_MONTH).toLongArray()[0]);
        }

        private DayRule parseDayOfWeek(Token field) {
            if (field.is("?")) {
                return DayRule.ANY;
            }
            if (field.is("L")) {
                // A lone L in day-of-week is EventBridge's spelling of 7, Saturday.
                return new DaysOfWeek(1 << 7);
            }
            int hash = field.text().indexOf('#');
            if (hash >= 0 && !isList(field)) {
                int weekday =
                        value(part(field.sub(0, hash), field, "n#k needs a weekday before '#'"), Field.DAY_OF_WEEK);
                return new NthWeekday(
                        weekday, weekNumber(part(field.sub(hash + 1), field, "n#k needs a week after '#'")));
            }
            if (isDayOfWeekSpecial(field) && !isList(field)) {
                Token weekday = field.sub(0, field.text().length() - 1);
                return new LastWeekdayOfMonth(value(weekday, Field.DAY_OF_WEEK));
            }
            return new DaysOfWeek((int) parseValues(field, Field.DAY_OF_WEEK).toLongArray()[0]);
        }

        private int weekNumber(Token token) {
            if (!token.text().matches("[1-5]")) {
                throw fail(token, "the week number after '#' must be 1-5");
            }
            return token.text().charAt(0) - '0';
        }

        // An empty part has nothing to point at, so the error names the element it is missing from.
        private Token part(Token part, Token whole, String reason) {
            if (part.text().isEmpty()) {
                throw fail(whole, reason);
            }
            return part;
        }

        // A special inside a list is left to parseValues, which says it must be alone.
        private static boolean isList(Token field) {
            return field.text().indexOf(',') >= 0;
        }

        // L, LW and nW name days that a plain set of days cannot.
        private static boolean isDayOfMonthSpecial(Token token) {
            return token.is("L")
                    || token.is("LW")
                    || (token.endsWith('W') && token.text().length() > 1);
        }

        // L, nL and n#k; no day name ends in L, so a trailing L always means "last".
        private static boolean isDayOfWeekSpecial(Token token) {
            return token.endsWith('L') || token.text().indexOf('#') >= 0;
        }

        private BitSet parseValues(Token field, Field kind) {
            BitSet values = new BitSet();
            String text = field.text();
            int start = 0;
            for (int i = 0; i <= text.length(); i++) {
                if (i == text.length() || text.charAt(i) == ',') {
                    if (i == start) {
                        throw fail(field, kind.label + " has an empty element in its comma list");
                    }
                    parseElement(field.sub(start, i), kind, values);
                    start = i + 1;
                }
            }
            return values;
        }

        private void parseElement(Token element, Field kind, BitSet values) {
            checkNotSpecial(element, kind);
            int slash = element.text().indexOf('/');
            Token base = slash < 0 ? element : element.sub(0, slash);
            int step = slash < 0 ? 1 : step(part(element.sub(slash + 1), element, "a step needs a number after '/'"));
            if (base.is("*")) {
                addValues(values, kind, kind.min, kind.max, step);
                return;
            }
            int dash = base.text().indexOf('-');
            if (dash < 0) {
                int start = value(base, kind);
                // "a/s" runs a, a+s, ... up to the field's maximum; a bare "a" is just a.
                addValues(values, kind, start, slash < 0 ? start : kind.max, step);
                return;
            }
            String incomplete = kind.label + " range needs a value on both sides of '-'";
            int start = value(part(base.sub(0, dash), base, incomplete), kind);
            int end = value(part(base.sub(dash + 1), base, incomplete), kind);
            if (start > end && !kind.wraps) {
                throw fail(base, kind.label + " range must not run backwards: " + start + " is after " + end);
            }
            addValues(values, kind, start, end, step);
        }

        // A '?' or a special inside a list or a range gets a message saying why, not "not a number".
        private void checkNotSpecial(Token element, Field kind) {
            if (element.text().indexOf('?') >= 0) {
                throw fail(
                        element,
                        kind.isDayField()
                                ? "'?' must be alone in " + kind.label
                                : "'?' is only allowed in day-of-month or day-of-week");
            }
            if (kind == Field.DAY_OF_MONTH && isDayOfMonthSpecial(element)) {
                throw fail(element, "L, LW and nW must be alone in day-of-month");
            }
            if (kind == Field.DAY_OF_WEEK && isDayOfWeekSpecial(element)) {
                throw fail(element, "L, nL and n#k must be alone in day-of-week");
            }
        }

        private int step(Token token) {
            if (!isNumber(token)) {
                throw fail(token, "the step after '/' must be a whole number");
            }
            int step = parseNumber(token);
            if (step < 1) {
                throw fail(token, "the step after '/' must be at least 1");
            }
            return step;
        }

        // Walks start, start+step, ... to end, going round past max back to min when the range wraps.
        private static void addValues(BitSet values, Field kind, int start, int end, int step) {
            int span = kind.max - kind.min + 1;
            int length = Math.floorMod(end - start, span) + 1;
            for (int i = 0; i < length; i += step) {
                values.set(kind.min + (start - kind.min + i) % span);
            }
        }

        private int value(Token token, Field kind) {
            if (isNumber(token)) {
                int number = parseNumber(token);
                if (number < kind.min || number > kind.max) {
                    throw fail(token, kind.label + " must be " + kind.range());
                }
                return number;
            }
            int index = kind.names.indexOf(token.text().toUpperCase(Locale.ROOT));
            if (index >= 0) {
                return kind.min + index;
            }
            if (kind.names.isEmpty()) {
                throw fail(token, kind.label + " must be a number " + kind.range());
            }
            throw fail(token, "unknown " + kind.label + " name; use " + kind.range());
        }

        private static boolean isNumber(Token token) {
            return !token.text().isEmpty() && token.text().chars().allMatch(c -> c >= '0' && c <= '9');
        }

        // Digits only by now; anything too long for an int is out of every range.
        private static int parseNumber(Token token) {
            String digits = token.text();
            return digits.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(digits);
        }

        private static long[] yearBits(BitSet values) {
            long[] bits = new long[(LAST_YEAR - FIRST_YEAR) / 64 + 1];
            values.stream().forEach(year -> bits[(year - FIRST_YEAR) >>> 6] |= 1L << (year - FIRST_YEAR));
            return bits;
        }

        private RunConditionException fail(Token token, String reason) {
            return new RunConditionException(condition, token.text(), token.position(), reason);
        }
    }

    /** How the day field that is not '?' decides whether a date's day matches. */
    private interface DayRule {
        DayRule ANY = date -> true;
        DayRule LAST_DAY = date -> date.getDayOfMonth() == date.lengthOfMonth();
        DayRule LAST_WEEKDAY = date -> date.getDayOfMonth() == lastWeekday(date);

        boolean matches(LocalDate date);
    }

    /** Plain day-of-month values: bit d is set for each matching day d. */
    private record DaysOfMonth(long mask) implements DayRule {
        @Override
        public boolean matches(LocalDate date) {
            return (mask >>> date.getDayOfMonth() & 1) != 0;
        }
    }

    /** Plain day-of-week values: bit w is set for each matching EventBridge weekday w (1=SUN ... 7=SAT). */
    private record DaysOfWeek(int mask) implements DayRule {
        @Override
        public boolean matches(LocalDate date) {
            return (mask >>> weekdayNumber(date) & 1) != 0;
        }
    }

    /** {@code nW}: the Monday-Friday nearest to day n without leaving the month. */
    private record NearestWeekday(int day) implements DayRule {
        @Override
        public boolean matches(LocalDate date) {
            int length = date.lengthOfMonth();
            if (day > length) {
                return false; // a month without day n has no weekday nearest to it
            }
            int weekdayOfDay = weekdayNumberOf(date, day);
            int target = day;
            if (weekdayOfDay == SATURDAY) {
                target = day == 1 ? day + 2 : day - 1;
            } else if (weekdayOfDay == SUNDAY) {
                target = day == length ? day - 2 : day + 1;
            }
            return date.getDayOfMonth() == target;
        }
    }

    /** {@code nL}: the last weekday w of the month. */
    private record LastWeekdayOfMonth(int weekday) implements DayRule {
        @Override
        public boolean matches(LocalDate date) {
            return weekdayNumber(date) == weekday && date.getDayOfMonth() + 7 > date.lengthOfMonth();
        }
    }

    /** {@code w#k}: the k-th weekday w of the month. */
    private record NthWeekday(int weekday, int week) implements DayRule {
        @Override
        public boolean matches(LocalDate date) {
            return weekdayNumber(date) == weekday && (date.getDayOfMonth() - 1) / 7 + 1 == week;
        }
    }

    // EventBridge numbers weekdays 1=SUN ... 7=SAT; java.time numbers them 1=MON ... 7=SUN.
    private static int weekdayNumber(LocalDate date) {
        return date.getDayOfWeek().getValue() % 7 + 1;
    }

    // The EventBridge weekday of another day of the same month, without building another LocalDate.
    private static int weekdayNumberOf(LocalDate date, int day) {
        return Math.floorMod(weekdayNumber(date) - 1 + day - date.getDayOfMonth(), 7) + 1;
    }

    private static int lastWeekday(LocalDate date) {
        int length = date.lengthOfMonth();
        int weekdayOfLast = weekdayNumberOf(date, length);
        if (weekdayOfLast == SATURDAY) {
            return length - 1;
        }
        return weekdayOfLast == SUNDAY ? length - 2 : length;
    }
}
