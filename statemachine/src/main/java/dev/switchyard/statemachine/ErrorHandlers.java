package dev.switchyard.statemachine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads the Retry and Catch fields of a Task, Map or Parallel state. */
final class ErrorHandlers {
    private static final Set<String> RETRIER = Set.of(
            "ErrorEquals",
            "IntervalSeconds",
            "MaxAttempts",
            "BackoffRate",
            "MaxDelaySeconds",
            "JitterStrategy",
            "Comment");
    private static final Set<String> CATCHER = Set.of("ErrorEquals", "Next", "ResultPath", "Comment");
    /** IntervalSeconds and MaxAttempts: "max value 99999999" ([DG] concepts-error-handling). */
    static final int MAX_RETRY_VALUE = 99_999_999;
    /** MaxDelaySeconds is below 31622401 (a year and a day) on AWS. */
    private static final int MAX_DELAY_SECONDS = 31_622_400;

    private ErrorHandlers() {}

    static ErrorHandling parse(Fields f) {
        List<Retrier> retriers = new ArrayList<>();
        for (Fields r : list(f, "Retry")) {
            retriers.add(retrier(r));
        }
        List<Catcher> catchers = new ArrayList<>();
        for (Fields c : list(f, "Catch")) {
            c.allowOnly(CATCHER, "a Catcher");
            catchers.add(new Catcher(c.errorEquals(), c.requiredString("Next"), c.resultPath("ResultPath")));
        }
        checkAllIsLast(f, "Retry", retriers.stream().map(Retrier::errorEquals).toList());
        checkAllIsLast(f, "Catch", catchers.stream().map(Catcher::errorEquals).toList());
        return new ErrorHandling(retriers, catchers);
    }

    private static Retrier retrier(Fields r) {
        r.allowOnly(RETRIER, "a Retrier");
        Integer interval = r.integer("IntervalSeconds", 1, MAX_RETRY_VALUE);
        Integer attempts = r.integer("MaxAttempts", 0, MAX_RETRY_VALUE);
        Integer maxDelay = r.integer("MaxDelaySeconds", 1, MAX_DELAY_SECONDS);
        double backoff = Retrier.DEFAULT_BACKOFF_RATE;
        if (r.has("BackoffRate")) {
            if (!r.get("BackoffRate").isNumber() || r.get("BackoffRate").doubleValue() < 1.0) {
                throw r.invalid("BackoffRate", "must be a number of at least 1.0");
            }
            backoff = r.get("BackoffRate").doubleValue();
        }
        String jitter = r.string("JitterStrategy");
        if (jitter != null && !jitter.equals("FULL") && !jitter.equals("NONE")) {
            throw r.invalid("JitterStrategy", "must be FULL or NONE");
        }
        return new Retrier(
                r.errorEquals(),
                interval == null ? Retrier.DEFAULT_INTERVAL_SECONDS : interval,
                attempts == null ? Retrier.DEFAULT_MAX_ATTEMPTS : attempts,
                backoff,
                maxDelay,
                "FULL".equals(jitter));
    }

    private static List<Fields> list(Fields f, String field) {
        JsonNode value = f.get(field);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            throw f.invalid(field, "must be an array");
        }
        List<Fields> items = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            items.add(new Fields(value.get(i), f.where() + " " + field + "[" + i + "]"));
        }
        return items;
    }

    /** "States.ALL … MUST appear alone … and MUST appear in the last Retrier/Catcher." */
    private static void checkAllIsLast(Fields f, String field, List<List<String>> errorEquals) {
        for (int i = 0; i < errorEquals.size() - 1; i++) {
            if (errorEquals.get(i).contains(StatesError.ALL)) {
                throw f.invalid(field, "has States.ALL before its last entry");
            }
        }
    }
}
