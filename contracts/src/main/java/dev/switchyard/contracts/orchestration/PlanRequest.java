package dev.switchyard.contracts.orchestration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Objects;
import java.util.Set;

/**
 * What the state machine's {@code Plan} state asks of the planner (SPEC §5): the execution's input, and the
 * execution's name and start time. The input is {@code {"JobCategory": "RAW", "RunDate"?: "2026-11-30",
 * "Environment"?: "prod"}}; {@code Offset} and {@code Rerun} are written by the state machine itself (a large
 * category goes on in a new execution from {@code Offset}; {@code switchyard rerun} sets {@code Rerun}).
 *
 * @param runDate null: today in the planner's zone, at the execution's start
 * @param environment null: every job of the category, whatever its environment
 * @param offset where in the category run's manifest (sorted by job name) this execution's jobs begin
 * @param rerun run the manifest jobs whose last run failed, instead of those not run yet
 * @param startTime the execution's start, null when unknown
 */
public record PlanRequest(
        String jobCategory,
        LocalDate runDate,
        String environment,
        int offset,
        boolean rerun,
        String executionName,
        Instant startTime) {

    public static final String INPUT = "Input";
    public static final String EXECUTION_NAME = "ExecutionName";
    public static final String START_TIME = "StartTime";
    public static final String JOB_CATEGORY = "JobCategory";
    public static final String RUN_DATE = "RunDate";
    public static final String ENVIRONMENT = "Environment";
    public static final String OFFSET = "Offset";
    public static final String RERUN = "Rerun";
    /** Who started the execution (the reactor's chaining, the command line); for people reading its history. */
    public static final String TRIGGERED_BY = "TriggeredBy";

    private static final Set<String> INPUT_FIELDS =
            Set.of(JOB_CATEGORY, RUN_DATE, ENVIRONMENT, OFFSET, RERUN, TRIGGERED_BY);

    public PlanRequest {
        if (jobCategory == null || jobCategory.isBlank()) {
            throw new IllegalArgumentException(
                    "execution input: JobCategory is required, e.g. {\"JobCategory\": \"RAW\"}");
        }
        if (offset < 0) {
            throw new IllegalArgumentException("execution input: Offset must be 0 or more, not " + offset);
        }
        if (environment != null && environment.isBlank()) {
            environment = null;
        }
    }

    /**
     * The input of an execution that runs {@code (category, runDate)}, as every starter writes it: {@code
     * JobCategory}, {@code RunDate}, {@code Environment} when there is one, {@code TriggeredBy}, in this order.
     */
    public static ObjectNode executionInput(
            String category, LocalDate runDate, String environment, String triggeredBy) {
        ObjectNode input = JsonNodeFactory.instance.objectNode();
        input.put(JOB_CATEGORY, category);
        input.put(RUN_DATE, runDate.toString());
        if (environment != null) {
            input.put(ENVIRONMENT, environment);
        }
        input.put(TRIGGERED_BY, triggeredBy);
        return input;
    }

    /** A request for the category run of {@code category} on {@code runDate} (null: today). */
    public static PlanRequest of(String category, LocalDate runDate, String environment, boolean rerun) {
        return new PlanRequest(category, runDate, environment, 0, rerun, null, null);
    }

    /**
     * Reads the {@code Plan} state's parameters, {@code {"Input": {...}, "ExecutionName": ..., "StartTime":
     * ...}}.
     *
     * @throws IllegalArgumentException naming the field that is missing, unknown or of the wrong type
     */
    public static PlanRequest fromJson(JsonNode task) {
        Objects.requireNonNull(task, "task");
        if (!task.isObject()) {
            throw new IllegalArgumentException("planner input: expected an object, got " + task.getNodeType());
        }
        JsonNode input = task.get(INPUT);
        if (input == null || !input.isObject()) {
            throw new IllegalArgumentException("planner input: Input must be the execution's input object, got "
                    + (input == null ? "nothing" : input.getNodeType()));
        }
        for (Iterator<String> names = input.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!INPUT_FIELDS.contains(name)) {
                throw new IllegalArgumentException("execution input: unknown field '" + name
                        + "' (expected JobCategory and optionally RunDate, Environment, TriggeredBy; the state machine"
                        + " itself adds Offset and Rerun)");
            }
        }
        return new PlanRequest(
                text(input, JOB_CATEGORY),
                date(text(input, RUN_DATE)),
                text(input, ENVIRONMENT),
                offset(input.get(OFFSET)),
                bool(input.get(RERUN)),
                text(task, EXECUTION_NAME),
                instant(text(task, START_TIME)));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException(
                    "execution input: " + field + " must be a string, got " + value.getNodeType() + " " + value);
        }
        return value.asText();
    }

    private static LocalDate date(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "execution input: RunDate '" + text + "' is not a date (expected YYYY-MM-DD, e.g. 2026-11-30)");
        }
    }

    private static int offset(JsonNode value) {
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new IllegalArgumentException("execution input: Offset must be a whole number, got " + value);
        }
        return value.intValue();
    }

    private static boolean bool(JsonNode value) {
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new IllegalArgumentException("execution input: Rerun must be true or false, got " + value);
        }
        return value.booleanValue();
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("planner input: StartTime '" + text + "' is not an ISO-8601 instant");
        }
    }
}
