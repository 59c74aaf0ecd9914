package dev.switchyard.contracts.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The planner's per-job output, in the seed article's checker shape plus the reason and the run date
 * (SPEC §2): {@code {"JobName": "my_glue_job", "RunCondition": "Monday, Wednesday", "SkipFlag": "No",
 * "ShouldRunToday": true, "Reason": "SCHEDULED", "RunDate": "2026-11-30"}}. The state machine's Map
 * iterates over these.
 *
 * @param runCondition as written in the table, {@code null} when missing
 * @param skipFlag as written in the table ({@code true}/{@code false} for a boolean), {@code null} when
 *     missing
 * @param reason one of SCHEDULED, NOT_SCHEDULED, SKIPPED, INVALID_RUN_CONDITION, INVALID_SKIP_FLAG
 * @param error what is wrong with the row, only for the INVALID_ reasons
 */
@JsonPropertyOrder({"JobName", "RunCondition", "SkipFlag", "ShouldRunToday", "Reason", "RunDate", "Error"})
public record CheckerPayload(
        @JsonProperty("JobName") String jobName,
        @JsonProperty("RunCondition") String runCondition,
        @JsonProperty("SkipFlag") String skipFlag,
        @JsonProperty("ShouldRunToday") boolean shouldRunToday,
        @JsonProperty("Reason") String reason,
        @JsonProperty("RunDate") LocalDate runDate,

        @JsonProperty("Error") @JsonInclude(JsonInclude.Include.NON_NULL)
        String error) {
    public CheckerPayload {
        Objects.requireNonNull(jobName, "jobName");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(runDate, "runDate");
    }
}
