package dev.switchyard.contracts.orchestration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the planner returns to the state machine (SPEC §5): one slice of a category run's jobs to start, with
 * what the Map needs to start them. The state machine reads exactly these fields; see
 * {@code infra/statemachine.asl.json}.
 *
 * @param offset where this slice begins in the run's manifest
 * @param next where the next slice begins, or null when this is the last
 * @param nextExecutionName the name of the execution that starts the next slice, or null when this is the last
 * @param planned how many jobs the category run's manifest holds
 * @param notRun jobs of the category the plan did not schedule, by reason ({@code SKIPPED}, {@code
 *     INVALID_RUN_CONDITION}, ...); empty for a slice after the first and for a re-run
 * @param arguments the Glue job arguments for every job run, which attribute it to the category run
 * @param jobs the names of the jobs to start, in manifest order
 */
public record PlanSlice(
        String jobCategory,
        LocalDate runDate,
        String environment,
        boolean rerun,
        int offset,
        Integer next,
        String nextExecutionName,
        int maxConcurrency,
        int planned,
        Map<String, Integer> notRun,
        Map<String, String> arguments,
        List<String> jobs) {

    public PlanSlice {
        Objects.requireNonNull(jobCategory, "jobCategory");
        Objects.requireNonNull(runDate, "runDate");
        notRun = Map.copyOf(notRun);
        arguments = Map.copyOf(arguments);
        jobs = List.copyOf(jobs);
        if ((next == null) != (nextExecutionName == null)) {
            throw new IllegalArgumentException("a next slice and its execution's name go together");
        }
        if (maxConcurrency < 0) {
            throw new IllegalArgumentException("maxConcurrency must be 0 or more: " + maxConcurrency);
        }
    }

    /** The slice as the state machine reads it; fields in a fixed order, maps sorted. */
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("JobCategory", jobCategory);
        node.put("RunDate", runDate.toString());
        node.put("Environment", environment);
        node.put("Rerun", rerun);
        node.put("Offset", offset);
        if (next == null) {
            node.putNull("Next");
            node.putNull("NextExecutionName");
        } else {
            node.put("Next", next);
            node.put("NextExecutionName", nextExecutionName);
        }
        node.put("MaxConcurrency", maxConcurrency);
        node.put("Planned", planned);
        ObjectNode reasons = node.putObject("NotRun");
        new TreeMap<>(notRun).forEach(reasons::put);
        ObjectNode args = node.putObject("Arguments");
        new TreeMap<>(arguments).forEach(args::put);
        jobs.forEach(node.putArray("Jobs")::add);
        return node;
    }

    /** Reads what {@link #toJson} wrote. */
    public static PlanSlice fromJson(JsonNode node) {
        Map<String, Integer> notRun = new LinkedHashMap<>();
        node.path("NotRun")
                .fields()
                .forEachRemaining(e -> notRun.put(e.getKey(), e.getValue().asInt()));
        Map<String, String> arguments = new LinkedHashMap<>();
        node.path("Arguments")
                .fields()
                .forEachRemaining(e -> arguments.put(e.getKey(), e.getValue().asText()));
        List<String> jobs = new ArrayList<>();
        node.path("Jobs").forEach(j -> jobs.add(j.asText()));
        JsonNode environment = node.path("Environment");
        JsonNode next = node.path("Next");
        return new PlanSlice(
                node.path("JobCategory").asText(),
                LocalDate.parse(node.path("RunDate").asText()),
                environment.isTextual() ? environment.asText() : null,
                node.path("Rerun").asBoolean(),
                node.path("Offset").asInt(),
                next.isNumber() ? next.intValue() : null,
                next.isNumber() ? node.path("NextExecutionName").asText() : null,
                node.path("MaxConcurrency").asInt(),
                node.path("Planned").asInt(),
                notRun,
                arguments,
                jobs);
    }
}
