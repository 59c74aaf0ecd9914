package dev.switchyard.contracts.table;

import dev.switchyard.contracts.Decoded;
import dev.switchyard.contracts.FieldProblem;
import dev.switchyard.contracts.attr.Attr;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One row of the control table (SPEC §1): one Glue job, what category it belongs to, when it runs and
 * what its latest run did.
 *
 * <p>{@code runCondition} and {@code skipFlag} are kept as written, not parsed: a row whose condition is
 * wrong is still a job, and the plan must show it as {@code INVALID_RUN_CONDITION} rather than lose it.
 * Columns this record does not name (the reactor's run columns, {@code Version}, an operator's own notes)
 * travel untouched in {@code otherColumns}.
 *
 * @param jobName the Glue job name, the table's partition key
 * @param environment e.g. {@code prod}; {@code null} when the job belongs to every environment
 * @param jobCategory the category the job is planned with
 * @param runCondition the RunCondition text as written, or {@code null} when missing
 * @param skipFlag the SkipFlag as written (a string or a boolean), or {@code null} when missing
 * @param statusFlag the state of the latest run, or {@code null} before the first run
 * @param lastRunTimestamp when {@code statusFlag} was set, at seconds precision, or {@code null}
 * @param otherColumns every other column, in the order read
 */
public record ControlTableItem(
        String jobName,
        String environment,
        String jobCategory,
        String runCondition,
        Attr skipFlag,
        JobRunState statusFlag,
        Instant lastRunTimestamp,
        Map<String, Attr> otherColumns) {

    public static final String JOB_NAME = "JobName";
    public static final String ENVIRONMENT = "Environment";
    public static final String JOB_CATEGORY = "JobCategory";
    public static final String RUN_CONDITION = "RunCondition";
    public static final String SKIP_FLAG = "SkipFlag";
    public static final String STATUS_FLAG = "StatusFlag";
    public static final String LAST_RUN_TIMESTAMP = "LastRunTimestamp";

    /** The columns of SPEC §1, in the order files are written. */
    public static final List<String> COLUMNS =
            List.of(JOB_NAME, ENVIRONMENT, JOB_CATEGORY, RUN_CONDITION, SKIP_FLAG, STATUS_FLAG, LAST_RUN_TIMESTAMP);

    private static final Set<String> NAMED = Set.copyOf(COLUMNS);

    public ControlTableItem {
        // Names are keys: " JOB1" and "JOB1" must not be two jobs.
        jobName = requireText(jobName, JOB_NAME);
        jobCategory = requireText(jobCategory, JOB_CATEGORY);
        environment = environment == null || environment.isBlank() ? null : environment.strip();
        if (skipFlag != null && !(skipFlag instanceof Attr.S || skipFlag instanceof Attr.Bool)) {
            throw new IllegalArgumentException(SKIP_FLAG + " must be a string or a boolean");
        }
        if (lastRunTimestamp != null) {
            lastRunTimestamp = lastRunTimestamp.truncatedTo(ChronoUnit.SECONDS);
        }
        otherColumns = Collections.unmodifiableMap(new LinkedHashMap<>(otherColumns));
        for (String name : otherColumns.keySet()) {
            if (NAMED.contains(name)) {
                throw new IllegalArgumentException(name + " is a named column, not an other column");
            }
        }
    }

    private static String requireText(String value, String column) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(column + " must not be empty");
        }
        return value.strip();
    }

    /** A job with only the columns an operator writes. */
    public static ControlTableItem of(String jobName, String jobCategory, String runCondition, String skipFlag) {
        return new ControlTableItem(
                jobName,
                null,
                jobCategory,
                runCondition,
                skipFlag == null ? null : new Attr.S(skipFlag),
                null,
                null,
                Map.of());
    }

    /** The row as attributes, named columns first; missing values are left out. */
    public Map<String, Attr> toAttributes() {
        Map<String, Attr> item = new LinkedHashMap<>();
        item.put(JOB_NAME, new Attr.S(jobName));
        putText(item, ENVIRONMENT, environment);
        item.put(JOB_CATEGORY, new Attr.S(jobCategory));
        putText(item, RUN_CONDITION, runCondition);
        if (skipFlag != null) {
            item.put(SKIP_FLAG, skipFlag);
        }
        putText(item, STATUS_FLAG, statusFlag == null ? null : statusFlag.name());
        putText(item, LAST_RUN_TIMESTAMP, lastRunTimestamp == null ? null : Timestamps.format(lastRunTimestamp));
        item.putAll(otherColumns);
        return item;
    }

    private static void putText(Map<String, Attr> item, String column, String value) {
        if (value != null) {
            item.put(column, new Attr.S(value));
        }
    }

    /**
     * Reads a row, reporting every column that is wrong rather than the first. RunCondition and SkipFlag
     * are only checked for type here; whether their text is valid is the planner's and validator's
     * business.
     */
    public static Decoded<ControlTableItem> fromAttributes(Map<String, Attr> attributes) {
        List<FieldProblem> problems = new ArrayList<>();
        String jobName = required(attributes, JOB_NAME, problems);
        String environment = optionalText(attributes, ENVIRONMENT, problems);
        String jobCategory = required(attributes, JOB_CATEGORY, problems);
        String runCondition = optionalText(attributes, RUN_CONDITION, problems);
        Attr skipFlag = attributes.get(SKIP_FLAG);
        if (skipFlag instanceof Attr.Null) {
            skipFlag = null;
        } else if (skipFlag != null && !(skipFlag instanceof Attr.S || skipFlag instanceof Attr.Bool)) {
            problems.add(new FieldProblem(
                    SKIP_FLAG,
                    skipFlag.toString(),
                    "SkipFlag must be a string or a boolean, found a " + skipFlag.typeName() + " value"));
            skipFlag = null;
        }
        JobRunState status = null;
        String statusText = optionalText(attributes, STATUS_FLAG, problems);
        if (statusText != null && !statusText.isBlank()) {
            status = JobRunState.parse(statusText).orElse(null);
            if (status == null) {
                problems.add(new FieldProblem(
                        STATUS_FLAG,
                        statusText,
                        "unknown StatusFlag; expected a Glue JobRunState (STARTING, RUNNING, STOPPING, STOPPED,"
                                + " SUCCEEDED, FAILED, TIMEOUT, ERROR, WAITING, EXPIRED) or success/failure"));
            }
        }
        Instant lastRun = null;
        String lastRunText = optionalText(attributes, LAST_RUN_TIMESTAMP, problems);
        if (lastRunText != null && !lastRunText.isBlank()) {
            lastRun = Timestamps.parse(lastRunText).orElse(null);
            if (lastRun == null) {
                problems.add(new FieldProblem(
                        LAST_RUN_TIMESTAMP, lastRunText, "not an ISO-8601 UTC instant such as 2026-11-30T08:05:12Z"));
            }
        }
        if (!problems.isEmpty()) {
            return new Decoded.Invalid<>(problems);
        }
        Map<String, Attr> others = new LinkedHashMap<>(attributes);
        others.keySet().removeAll(NAMED);
        return new Decoded.Ok<>(new ControlTableItem(
                jobName, environment, jobCategory, runCondition, skipFlag, status, lastRun, others));
    }

    private static String required(Map<String, Attr> attributes, String column, List<FieldProblem> problems) {
        int before = problems.size();
        String value = optionalText(attributes, column, problems);
        if (problems.size() == before && (value == null || value.isBlank())) {
            problems.add(new FieldProblem(column, value, column + " is missing" + caseHint(attributes, column)));
        }
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String optionalText(Map<String, Attr> attributes, String column, List<FieldProblem> problems) {
        return switch (attributes.get(column)) {
            case null -> null;
            case Attr.Null x -> null;
            case Attr.S s -> s.value();
            // YAML reads an unquoted 2026 as a number; as a name it is meant as text.
            case Attr.N n -> n.value();
            case Attr other -> {
                problems.add(new FieldProblem(
                        column,
                        other.toString(),
                        column + " must be a string, found a " + other.typeName() + " value"));
                yield null;
            }
        };
    }

    /** Column names are case-sensitive; say so when a near miss is present. */
    private static String caseHint(Map<String, Attr> attributes, String column) {
        for (String name : attributes.keySet()) {
            if (!name.equals(column) && name.strip().equalsIgnoreCase(column)) {
                return " (found a column '" + name + "': column names are case-sensitive)";
            }
        }
        return "";
    }

    /** Whether the job belongs to an execution for {@code environment} ({@code null}: every job). */
    public boolean inEnvironment(String environment) {
        return environment == null || this.environment == null || this.environment.equals(environment);
    }

    @Override
    public String toString() {
        return "ControlTableItem" + toAttributes();
    }
}
