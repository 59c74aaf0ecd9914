package dev.switchyard.local;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.contracts.Digests;
import dev.switchyard.contracts.table.JobRunState;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The EventBridge events Glue emits for a run, in the shape of the samples under
 * {@code shared/reference/aws-events}: {@code Glue Job Run Status} while it runs (Glue sends it after the job's
 * notify delay; locally the delay is 0) and {@code Glue Job State Change} when it ends.
 */
final class GlueEventJson {
    private GlueEventJson() {}

    static String runStatus(LocalGlue.Run run, Instant at) {
        ObjectNode event = envelope("Glue Job Run Status", run, at);
        ObjectNode detail = event.putObject("detail");
        detail.put("jobName", run.jobName());
        detail.put("severity", "INFO");
        detail.putObject("notificationCondition").put("NotifyDelayAfter", 0);
        detail.put("state", JobRunState.RUNNING.name());
        detail.put("jobRunId", run.jobRunId());
        detail.put("message", "Job is in RUNNING state");
        detail.put("startedOn", run.startedOn().truncatedTo(ChronoUnit.MILLIS).toString());
        return event.toString();
    }

    static String stateChange(LocalGlue.Run run, Instant at) {
        ObjectNode event = envelope("Glue Job State Change", run, at);
        ObjectNode detail = event.putObject("detail");
        detail.put("jobName", run.jobName());
        boolean ok = run.state() == JobRunState.SUCCEEDED;
        detail.put("severity", ok ? "INFO" : "ERROR");
        detail.put("state", run.state().name());
        detail.put("jobRunId", run.jobRunId());
        detail.put(
                "message",
                ok
                        ? "Job run succeeded"
                        : "JobName:" + run.jobName() + " and JobRunId:" + run.jobRunId() + " failed to execute with"
                                + " exception " + run.errorMessage());
        return event.toString();
    }

    private static ObjectNode envelope(String detailType, LocalGlue.Run run, Instant at) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("version", "0");
        event.put("id", uuid(detailType + run.jobRunId() + run.state()));
        event.put("detail-type", detailType);
        event.put("source", "aws.glue");
        event.put("account", LocalGlue.ACCOUNT);
        // EventBridge stamps events to the second.
        event.put("time", at.truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", LocalGlue.REGION);
        event.putArray("resources");
        return event;
    }

    /** A stable id per run and state, so a redelivered event is recognisably the same event. */
    private static String uuid(String seed) {
        String hex = Digests.hex(16, seed);
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20, 32);
    }
}
