package dev.switchyard.contracts.schedule;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The RunCondition grammar of SPEC §2. Terms are separated by commas (except inside {@code cron(...)}),
 * case-insensitive, with blanks around them ignored. Every error names the offending text and its
 * 1-based position, because a typo in a long condition must be easy to find and never silently mean
 * "not today".
 */
public final class RunConditionParser {
    private static final Map<String, DayOfWeek> DAY_NAMES = dayNames();
    private static final Set<DayOfWeek> WEEKDAYS =
            EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
    private static final Set<DayOfWeek> WEEKENDS = EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
    private static final Pattern DAY_N = Pattern.compile("DAY_(\\d{1,3})");
    private static final Pattern NTH = Pattern.compile("([A-Z]+)#(\\d{1,3})");
    private static final Pattern RANGE = Pattern.compile("([A-Z]+)-([A-Z]+)");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    /** Every fixed word, for "did you mean" hints. */
    private static final List<String> WORDS = Stream.concat(
                    Stream.of(
                            "ALL_DAYS",
                            "DAILY",
                            "WEEKDAYS",
                            "WEEKENDS",
                            "LAST_DAY",
                            "FIRST_WEEKDAY",
                            "LAST_WEEKDAY",
                            "DAY_1",
                            "MON-FRI",
                            "MON#1",
                            "LAST_MON",
                            "cron(0 0 ? * MON-FRI *)"),
                    DAY_NAMES.keySet().stream())
            .toList();

    private RunConditionParser() {}

    /**
     * Parses a RunCondition.
     *
     * @throws RunConditionException when the condition is missing or empty, or a term is empty, unknown,
     *     a bad date or a malformed cron expression
     */
    public static RunCondition parse(String text) {
        if (text == null || text.isBlank()) {
            throw new RunConditionException(
                    text, text == null ? "" : text, 1, "RunCondition is empty; write e.g. DAILY or MON-FRI");
        }
        List<Term> terms = new ArrayList<>();
        int start = 0;
        int depth = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : ',';
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (depth == 0) {
                    throw new RunConditionException(text, ")", i + 1, "')' without a matching '('");
                }
                depth--;
            } else if (c == ',' && (depth == 0 || i == text.length())) {
                if (depth > 0) {
                    throw new RunConditionException(
                            text, text.substring(start).strip(), firstNonBlank(text, start) + 1, "'(' is never closed");
                }
                terms.add(term(text, start, i));
                start = i + 1;
            }
        }
        return new RunCondition(text, terms);
    }

    private static int firstNonBlank(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static Term term(String text, int from, int to) {
        String raw = text.substring(from, to);
        String trimmed = raw.strip();
        int position = firstNonBlank(text, from) + 1;
        if (trimmed.isEmpty()) {
            String why = to == text.length() ? "trailing comma" : from == 0 ? "leading comma" : "two commas in a row";
            int at = Math.min(position, text.length());
            return fail(text, ",", at, "empty term (" + why + ")");
        }
        boolean negated = trimmed.startsWith("!");
        String body = trimmed;
        int bodyPosition = position;
        if (negated) {
            body = trimmed.substring(1).strip();
            bodyPosition = firstNonBlank(text, position) + 1;
            if (body.isEmpty()) {
                return fail(text, trimmed, position, "'!' must be followed by a term");
            }
            if (body.startsWith("!")) {
                return fail(text, trimmed, position, "double negation is not allowed");
            }
        }
        return new Term(trimmed, position, negated, rule(text, body, bodyPosition));
    }

    private static DateRule rule(String text, String body, int position) {
        String word = body.toUpperCase(Locale.ROOT);
        if (word.startsWith("CRON(") || word.startsWith("CRON (")) {
            return cron(text, body, position);
        }
        switch (word) {
            case "ALL_DAYS", "DAILY":
                return new DateRule.EveryDay();
            case "WEEKDAYS":
                return new DateRule.DaysOfWeek(WEEKDAYS);
            case "WEEKENDS":
                return new DateRule.DaysOfWeek(WEEKENDS);
            case "LAST_DAY":
                return new DateRule.LastDayOfMonth();
            case "FIRST_WEEKDAY":
                return new DateRule.FirstWeekdayOfMonth();
            case "LAST_WEEKDAY":
                return new DateRule.LastWeekdayOfMonth();
            default:
                break;
        }
        DayOfWeek single = DAY_NAMES.get(word);
        if (single != null) {
            return new DateRule.DaysOfWeek(EnumSet.of(single));
        }
        Matcher m;
        if ((m = DAY_N.matcher(word)).matches()) {
            int day = Integer.parseInt(m.group(1));
            if (day < 1 || day > 31) {
                fail(text, body, position, "day of month must be 1 to 31");
            }
            return new DateRule.DayOfMonth(day);
        }
        if (word.startsWith("LAST_") && DAY_NAMES.containsKey(word.substring(5))) {
            return new DateRule.LastDayOfWeek(DAY_NAMES.get(word.substring(5)));
        }
        if ((m = NTH.matcher(word)).matches()) {
            DayOfWeek day = DAY_NAMES.get(m.group(1));
            if (day == null) {
                fail(text, body, position, "'" + m.group(1) + "' is not a weekday (MON … SUN)");
            }
            int n = Integer.parseInt(m.group(2));
            if (n < 1 || n > 5) {
                fail(text, body, position, "the n in " + m.group(1) + "#n must be 1 to 5");
            }
            return new DateRule.NthDayOfWeek(day, n);
        }
        if ((m = RANGE.matcher(word)).matches()
                && (DAY_NAMES.containsKey(m.group(1)) || DAY_NAMES.containsKey(m.group(2)))) {
            return new DateRule.DaysOfWeek(range(text, body, position, m.group(1), m.group(2)));
        }
        if (DATE.matcher(word).matches()) {
            try {
                return new DateRule.OnDate(LocalDate.parse(word));
            } catch (DateTimeException e) {
                fail(text, body, position, "not a valid date (YYYY-MM-DD)");
            }
        }
        return fail(text, body, position, "unknown term" + suggestion(word));
    }

    private static Set<DayOfWeek> range(String text, String body, int position, String from, String to) {
        DayOfWeek first = DAY_NAMES.get(from);
        DayOfWeek last = DAY_NAMES.get(to);
        if (first == null || last == null) {
            fail(text, body, position, "'" + (first == null ? from : to) + "' is not a weekday (MON … SUN)");
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        // Ranges wrap around the week: FRI-MON is Friday, Saturday, Sunday, Monday.
        for (DayOfWeek d = first; ; d = d.plus(1)) {
            days.add(d);
            if (d == last) {
                return days;
            }
        }
    }

    private static DateRule cron(String text, String body, int position) {
        int open = body.indexOf('(');
        if (!body.endsWith(")")) {
            fail(text, body, position, "cron(...) must end with ')'");
        }
        String fields = body.substring(open + 1, body.length() - 1);
        int fieldsPosition = position + open + 1;
        if (fields.isBlank()) {
            fail(text, body, position, "cron() is empty; it needs 6 fields");
        }
        int lead = firstNonBlank(fields, 0);
        return new DateRule.Cron(CronSchedule.parse(fields.strip(), fieldsPosition + lead, text));
    }

    private static <T> T fail(String text, String offending, int position, String reason) {
        throw new RunConditionException(text, offending, position, reason);
    }

    private static String suggestion(String word) {
        Optional<String> best =
                WORDS.stream().filter(w -> !w.startsWith("cron")).min(Comparator.comparingInt(w -> distance(w, word)));
        return best.filter(w -> distance(w, word) <= Math.max(1, w.length() / 3))
                .map(w -> "; did you mean " + w + "?")
                .orElse("; expected e.g. DAILY, MON-FRI, WEEKDAYS, DAY_1, LAST_DAY, MON#1, LAST_FRI, 2026-12-24 or"
                        + " cron(0 0 ? * MON-FRI *)");
    }

    /** Edit distance counting a swap of two neighbours as one edit (TEUSDAY is one from TUESDAY). */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i][j - 1] + 1, d[i - 1][j] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static Map<String, DayOfWeek> dayNames() {
        var names = new java.util.HashMap<String, DayOfWeek>();
        for (DayOfWeek d : DayOfWeek.values()) {
            names.put(d.name(), d);
            names.put(d.name().substring(0, 3), d);
        }
        return Map.copyOf(names);
    }
}
