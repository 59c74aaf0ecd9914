package dev.switchyard.ingest.lambda;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.contracts.Json;
import dev.switchyard.reactor.react.Outcome;
import dev.switchyard.reactor.react.Reconciler;
import dev.switchyard.reactor.runs.Triggers;
import java.util.Map;
import java.util.TreeMap;

/** The small JSON documents the handlers answer with. */
final class Responses {
    /** The {@code outcome} of an event that was rejected rather than handled. */
    static final String REJECTED = "REJECTED";

    private Responses() {}

    /** {@code {"outcome": "APPLIED", "detail": "…"}}. */
    static String outcome(String outcome, String detail) {
        ObjectNode response =
                Json.mapper().createObjectNode().put("outcome", outcome).put("detail", detail);
        return write(response);
    }

    /**
     * {@code {"jobsStuck": 1, "entriesPending": 0, "runsFound": 1, "outcomes": {"APPLIED": 1}, "triggered":
     * [{"Category": "STG", "RunDate": "2026-11-30"}]}}: what a sweep looked at, what it found, and what that
     * did.
     */
    static String sweep(Reconciler.Report report) {
        ObjectNode response = Json.mapper()
                .createObjectNode()
                .put("jobsStuck", report.jobsStuck())
                .put("stuckAnomalies", report.stuckAnomalies())
                .put("entriesPending", report.entriesPending())
                .put("runsFound", report.runsFound())
                .put("triggersStarted", report.triggersStarted())
                .put("unasked", report.unasked());
        ArrayNode failures = response.putArray("failures");
        report.failures().forEach(failures::add);
        Map<String, Integer> counts = new TreeMap<>();
        report.outcomes().forEach(o -> counts.merge(o.kind().name(), 1, Integer::sum));
        ObjectNode outcomes = response.putObject("outcomes");
        counts.forEach(outcomes::put);
        ArrayNode triggered = response.putArray("triggered");
        for (Outcome outcome : report.outcomes()) {
            for (Triggers.Trigger trigger : outcome.triggered()) {
                triggered
                        .addObject()
                        .put("Category", trigger.category())
                        .put("RunDate", trigger.runDate().toString());
            }
        }
        return write(response);
    }

    private static String write(ObjectNode response) {
        try {
            return Json.mapper().writeValueAsString(response);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a response", e);
        }
    }
}
