package dev.switchyard.ingest.decode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchyard.contracts.event.GlueJobEvent;
import dev.switchyard.contracts.table.JobRunState;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The {@code detail} of Glue's job run events. Glue names states exactly as its API's {@code JobRunState}
 * does, so anything else (another case, a legacy spelling) is refused rather than guessed.
 * See https://docs.aws.amazon.com/glue/latest/dg/automating-awsglue-with-cloudwatch-events.html
 */
final class GlueEvents {
    private static final String STATES =
            Arrays.stream(JobRunState.values()).map(Enum::name).collect(Collectors.joining(", "));

    private GlueEvents() {}

    static GlueJobEvent read(GlueJobEvent.Kind kind, String id, Instant time, JsonNode detail) {
        String jobName = JsonFields.text(detail, "detail.jobName");
        String jobRunId = JsonFields.text(detail, "detail.jobRunId");
        JobRunState state = state(JsonFields.text(detail, "detail.state"));
        String startedOn = JsonFields.optionalText(detail, "detail.startedOn");
        String message = JsonFields.optionalText(detail, "detail.message");
        return new GlueJobEvent(
                id,
                kind,
                jobName,
                jobRunId,
                state,
                time,
                startedOn == null ? null : JsonFields.instant(startedOn, "detail.startedOn"),
                message);
    }

    private static JobRunState state(String text) {
        for (JobRunState state : JobRunState.values()) {
            if (state.name().equals(text)) {
                return state;
            }
        }
        throw new IllegalArgumentException(
                "detail.state: unknown state '" + JsonFields.shown(text) + "'; Glue's states are " + STATES);
    }
}
