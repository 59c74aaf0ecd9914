package dev.switchyard.reactor.table;

import dev.switchyard.contracts.attr.Attr;
import dev.switchyard.contracts.table.ControlTableItem;
import java.util.Map;

/**
 * Who owns which column of the control table, so that an operator's edit and the reactor's status write
 * can race on one item and both survive: each writes only its own columns.
 *
 * <ul>
 *   <li>The reactor owns {@code StatusFlag} and every column whose name starts with {@code Last}
 *       ({@code LastRunTimestamp}, {@code LastRunId}, {@code LastDurationSeconds}, …).
 *   <li>The store manages {@code Version} (the operator columns' optimistic lock), {@code UpdatedAt} and
 *       {@code UpdatedBy}.
 *   <li>Operators own everything else: {@code JobCategory}, {@code RunCondition}, {@code SkipFlag},
 *       {@code Environment} and their own columns.
 * </ul>
 */
public final class JobColumns {
    public static final String VERSION = "Version";
    public static final String UPDATED_AT = "UpdatedAt";
    public static final String UPDATED_BY = "UpdatedBy";

    private JobColumns() {}

    /** A column's text, or null when the item lacks it, it is blank, or it is not a string. */
    public static String text(Map<String, Attr> item, String column) {
        return item != null
                        && item.get(column) instanceof Attr.S s
                        && !s.value().isBlank()
                ? s.value()
                : null;
    }

    public static boolean isReactorOwned(String column) {
        return column.equals(ControlTableItem.STATUS_FLAG) || column.startsWith("Last");
    }

    public static boolean isManaged(String column) {
        return column.equals(VERSION) || column.equals(UPDATED_AT) || column.equals(UPDATED_BY);
    }

    /** Columns an operator's write sets or removes on an existing job. */
    public static boolean isOperatorOwned(String column) {
        return !isReactorOwned(column) && !isManaged(column) && !column.equals(ControlTableItem.JOB_NAME);
    }
}
