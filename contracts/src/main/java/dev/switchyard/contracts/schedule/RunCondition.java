package dev.switchyard.contracts.schedule;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * A parsed RunCondition (SPEC §2): the job runs on a date when at least one positive term matches it and
 * no negative term does; with only negative terms, every day except those.
 */
public record RunCondition(String text, List<Term> terms) {
    public RunCondition {
        Objects.requireNonNull(text, "text");
        terms = List.copyOf(terms);
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("a RunCondition has at least one term");
        }
    }

    /** Parses a condition; see {@link RunConditionParser}. */
    public static RunCondition parse(String text) {
        return RunConditionParser.parse(text);
    }

    public boolean matches(LocalDate date) {
        return evaluate(date).runs();
    }

    /**
     * Decides a date and says why: the term that excluded it, else the first positive term that matched
     * it, else none.
     */
    public Evaluation evaluate(LocalDate date) {
        Term firstPositive = null;
        boolean anyPositive = false;
        for (Term term : terms) {
            if (term.negated()) {
                if (term.ruleMatches(date)) {
                    return new Evaluation(false, term);
                }
            } else {
                anyPositive = true;
                if (firstPositive == null && term.ruleMatches(date)) {
                    firstPositive = term;
                }
            }
        }
        if (!anyPositive) {
            return new Evaluation(true, null);
        }
        return new Evaluation(firstPositive != null, firstPositive);
    }

    /**
     * The decision for one date.
     *
     * @param runs whether the job runs
     * @param because the deciding term: the negative term that excluded the date, or the positive term
     *     that matched it; {@code null} when no term matched, or when only negative terms exist and none
     *     matched
     */
    public record Evaluation(boolean runs, Term because) {}
}
