package dev.switchyard.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.contracts.Digests;
import dev.switchyard.statemachine.ExecutionResult;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The {@code Step Functions Execution Status Change} event an execution's end sends to EventBridge (see
 * https://docs.aws.amazon.com/step-functions/latest/dg/cw-events.html): the reactor's safety net for chaining.
 */
final class ExecutionEventJson {
    private ExecutionEventJson() {}

    static String statusChange(
            String stateMachineArn,
            String executionArn,
            String name,
            JsonNode input,
            ExecutionResult result,
            Instant at) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("version", "0");
        String hex = Digests.hex(16, executionArn + result.status());
        event.put(
                "id",
                hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                        + hex.substring(16, 20) + "-" + hex.substring(20, 32));
        event.put("detail-type", "Step Functions Execution Status Change");
        event.put("source", "aws.states");
        event.put("account", LocalGlue.ACCOUNT);
        event.put("time", at.truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", LocalGlue.REGION);
        event.putArray("resources").add(executionArn);
        ObjectNode detail = event.putObject("detail");
        detail.put("executionArn", executionArn);
        detail.put("stateMachineArn", stateMachineArn);
        detail.put("name", name);
        detail.put("status", result.status().name());
        detail.put("input", input.toString());
        if (result.output() == null) {
            detail.putNull("output");
        } else {
            detail.put("output", result.output().toString());
        }
        detail.put("error", result.error());
        detail.put("cause", result.cause());
        return event.toString();
    }
}
