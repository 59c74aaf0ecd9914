package dev.switchyard.reactor.plan;

import dev.switchyard.contracts.schedule.RunCondition;
import dev.switchyard.contracts.schedule.RunConditionException;
import dev.switchyard.contracts.schedule.RunConditionParser;
import dev.switchyard.contracts.table.ControlTableItem;
import dev.switchyard.contracts.table.SkipFlag;
import dev.switchyard.reactor.store.Utf8;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Decides which jobs of a category run on a business date (SPEC §2): SkipFlag first, then the
 * RunCondition. Each distinct RunCondition text is parsed once per plan, since large tables repeat a
 * handful of conditions.
 */
public final class Planner {
    private final Function<String, RunCondition> parser;

    public Planner() {
        this(RunConditionParser::parse);
    }

    /** @param parser parses a RunCondition, throwing {@link RunConditionException} when it is invalid */
    public Planner(Function<String, RunCondition> parser) {
        this.parser = Objects.requireNonNull(parser, "parser");
    }

    /**
     * Plans {@code category} on {@code runDate}.
     *
     * @param environment plan only jobs of this environment or of none; {@code null} plans every job
     * @param table the control table's rows (other categories are passed over)
     * @return the decisions in {@code JobName} order (the order DynamoDB's category index reads them in), so
     *     that a file and a store holding the same jobs give the same plan
     */
    public Plan plan(String category, LocalDate runDate, String environment, Iterable<ControlTableItem> table) {
        Map<String, Object> conditions = new HashMap<>(); // text -> RunCondition or RunConditionException
        List<Decision> decisions = new ArrayList<>();
        for (ControlTableItem item : table) {
            if (item.jobCategory().equals(category) && item.inEnvironment(environment)) {
                decisions.add(decide(item, runDate, conditions));
            }
        }
        decisions.sort((a, b) -> Utf8.compare(a.item().jobName(), b.item().jobName()));
        return new Plan(category, runDate, environment, decisions);
    }

    /** The decision for one job; {@code conditions} caches parsed conditions across calls. */
    private Decision decide(ControlTableItem item, LocalDate runDate, Map<String, Object> conditions) {
        boolean skipped;
        try {
            skipped = SkipFlag.isSkipped(item.skipFlag());
        } catch (IllegalArgumentException e) {
            return new Decision(item, Reason.INVALID_SKIP_FLAG, runDate, null, e.getMessage());
        }
        if (skipped) {
            return new Decision(item, Reason.SKIPPED, runDate, null, null);
        }
        String text = item.runCondition() == null ? "" : item.runCondition();
        Object parsed = conditions.computeIfAbsent(text, this::parseOrError);
        if (parsed instanceof RunConditionException e) {
            return new Decision(item, Reason.INVALID_RUN_CONDITION, runDate, null, e.getMessage());
        }
        RunCondition.Evaluation evaluation = ((RunCondition) parsed).evaluate(runDate);
        return new Decision(
                item, evaluation.runs() ? Reason.SCHEDULED : Reason.NOT_SCHEDULED, runDate, evaluation.because(), null);
    }

    private Object parseOrError(String text) {
        try {
            return parser.apply(text);
        } catch (RunConditionException e) {
            return e;
        }
    }
}
