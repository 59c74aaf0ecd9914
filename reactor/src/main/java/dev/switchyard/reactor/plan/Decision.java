package dev.switchyard.reactor.plan;

import dev.switchyard.contracts.table.ControlTableItem;
import java.util.Objects;

/**
 * The plan's decision for one job.
 *
 * @param item the job's row
 * @param reason why it runs or not; {@link Reason#runs()} is {@code ShouldRunToday}
 * @param detail the same in words for a person: which term matched or excluded the date, or what is
 *     wrong with the row
 */
public record Decision(ControlTableItem item, Reason reason, String detail) {
    public Decision {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }

    public boolean shouldRunToday() {
        return reason.runs();
    }
}
