package dev.switchyard.reactor.plan;

import dev.switchyard.contracts.schedule.Term;
import dev.switchyard.contracts.table.ControlTableItem;
import dev.switchyard.contracts.table.SkipFlag;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Objects;

/**
 * The plan's decision for one job. The explanation in words is built only when asked for: a plan of
 * 100,000 jobs mostly needs the verdict, not the prose.
 *
 * @param item the job's row
 * @param reason why it runs or not; {@link Reason#runs()} is {@code ShouldRunToday}
 * @param runDate the date decided
 * @param because the term that decided a SCHEDULED or NOT_SCHEDULED verdict, or {@code null}
 * @param error what is wrong with the row, for the INVALID_ reasons; otherwise {@code null}
 */
public record Decision(ControlTableItem item, Reason reason, LocalDate runDate, Term because, String error) {
    public Decision {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(runDate, "runDate");
        if (reason.isInvalid() != (error != null)) {
            throw new IllegalArgumentException("an error goes with, and only with, an INVALID_ reason");
        }
    }

    public boolean shouldRunToday() {
        return reason.runs();
    }

    /**
     * The decision in words for a person: which term matched or excluded the date, that the job is
     * skipped, or what is wrong with the row.
     */
    public String detail() {
        String day = runDate.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + runDate;
        return switch (reason) {
            case INVALID_SKIP_FLAG, INVALID_RUN_CONDITION -> error;
            case SKIPPED -> "SkipFlag is " + SkipFlag.text(item.skipFlag());
            case SCHEDULED -> because == null ? "no exclusion matches " + day : because.text() + " matches " + day;
            case NOT_SCHEDULED ->
                because == null ? "no term matches " + day : "excluded by " + because.text() + " on " + day;
        };
    }
}
