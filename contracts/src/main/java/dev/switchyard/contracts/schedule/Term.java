package dev.switchyard.contracts.schedule;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One comma-separated term of a RunCondition as written, with where it stands.
 *
 * @param text the term as written, trimmed (including a leading {@code !})
 * @param position 1-based position of the term in the condition
 * @param negated whether the term starts with {@code !}
 * @param rule what the term (without {@code !}) matches
 */
public record Term(String text, int position, boolean negated, DateRule rule) {
    public Term {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(rule, "rule");
    }

    /** Whether the rule matches, ignoring the negation. */
    public boolean ruleMatches(LocalDate date) {
        return rule.matches(date);
    }
}
