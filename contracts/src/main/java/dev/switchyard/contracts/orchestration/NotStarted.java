package dev.switchyard.contracts.orchestration;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.contracts.event.GlueArguments;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A job the state machine could not start (SPEC §5): its {@code StartJobRun} failed — the job does not exist,
 * the role may not start it, Glue refused it after every retry — so Glue will send no event about it. The
 * state machine's {@code RecordNotStarted} state sends this to the planner function, which records the job as
 * failed in its category run, so the run is blocked (and re-runnable) instead of open for ever.
 *
 * <p>As the state sends it: {@code {"NotStarted": {"JobName": ..., "Arguments": {...}, "Error": {"Error": ...,
 * "Cause": ...}}, "ExecutionName": ...}}.
 *
 * @param arguments the run's Glue arguments, which name its category run
 */
public record NotStarted(
        String jobName,
        String category,
        LocalDate runDate,
        Map<String, String> arguments,
        String error,
        String cause,
        String executionName) {

    public static final String FIELD = "NotStarted";

    public NotStarted {
        Objects.requireNonNull(jobName, "jobName");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(runDate, "runDate");
        arguments = Map.copyOf(arguments);
        error = error == null || error.isBlank() ? "unknown" : error;
        cause = cause == null ? "" : cause;
    }

    /** Whether a planner request is this kind. */
    public static boolean is(JsonNode request) {
        return request != null && request.has(FIELD);
    }

    /**
     * Reads the request.
     *
     * @throws IllegalArgumentException naming the field that is missing or wrong
     */
    public static NotStarted fromJson(JsonNode request) {
        JsonNode body = request.get(FIELD);
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("NotStarted must be an object");
        }
        JsonNode job = body.get("JobName");
        if (job == null || !job.isTextual() || job.asText().isBlank()) {
            throw new IllegalArgumentException("NotStarted.JobName must be a job name");
        }
        Map<String, String> arguments = new LinkedHashMap<>();
        body.path("Arguments")
                .fields()
                .forEachRemaining(e -> arguments.put(e.getKey(), e.getValue().asText()));
        String category = arguments.get(GlueArguments.CATEGORY);
        String date = arguments.get(GlueArguments.RUN_DATE);
        if (category == null || date == null) {
            throw new IllegalArgumentException("NotStarted.Arguments must hold " + GlueArguments.CATEGORY + " and "
                    + GlueArguments.RUN_DATE + ", which name the category run");
        }
        LocalDate runDate;
        try {
            runDate = LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "NotStarted.Arguments." + GlueArguments.RUN_DATE + " '" + date + "' is not a date");
        }
        JsonNode error = body.path("Error");
        JsonNode name = request.get(PlanRequest.EXECUTION_NAME);
        return new NotStarted(
                job.asText(),
                category,
                runDate,
                arguments,
                error.path("Error").asText(null),
                error.path("Cause").asText(null),
                name == null || !name.isTextual() ? null : name.asText());
    }
}
