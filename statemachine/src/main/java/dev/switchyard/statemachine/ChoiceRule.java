package dev.switchyard.statemachine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.regex.Pattern;

/** A Choice Rule: a comparison of one variable, or And/Or/Not of other rules. */
sealed interface ChoiceRule {
    boolean test(JsonNode input, JsonNode context) throws StatesError;

    record And(List<ChoiceRule> rules) implements ChoiceRule {
        @Override
        public boolean test(JsonNode input, JsonNode context) throws StatesError {
            for (ChoiceRule rule : rules) {
                if (!rule.test(input, context)) {
                    return false;
                }
            }
            return true;
        }
    }

    record Or(List<ChoiceRule> rules) implements ChoiceRule {
        @Override
        public boolean test(JsonNode input, JsonNode context) throws StatesError {
            for (ChoiceRule rule : rules) {
                if (rule.test(input, context)) {
                    return true;
                }
            }
            return false;
        }
    }

    record Not(ChoiceRule rule) implements ChoiceRule {
        @Override
        public boolean test(JsonNode input, JsonNode context) throws StatesError {
            return !rule.test(input, context);
        }
    }

    /**
     * One comparison: the operand is the literal from the definition, or operandPath for the {@code …Path} form, or
     * pattern for StringMatches. A Variable that selects nothing is States.Runtime, as on AWS, except for IsPresent.
     */
    record Compare(
            JsonPathExpr variable, Operator operator, JsonNode operand, JsonPathExpr operandPath, Pattern pattern)
            implements ChoiceRule {
        @Override
        public boolean test(JsonNode input, JsonNode context) throws StatesError {
            JsonNode value = variable.select(input, context);
            if (operator.kind() == Operator.Kind.TYPE) {
                if (value == null && operator != Operator.IS_PRESENT) {
                    throw invalidPath(variable);
                }
                return operator.typeMatches(value) == operand.booleanValue();
            }
            if (value == null) {
                throw invalidPath(variable);
            }
            if (pattern != null) {
                return value.isTextual() && pattern.matcher(value.textValue()).matches();
            }
            JsonNode other = operand;
            if (operandPath != null) {
                other = operandPath.select(input, context);
                if (other == null) {
                    throw invalidPath(operandPath);
                }
            }
            return operator.compare(value, other);
        }

        private static StatesError invalidPath(JsonPathExpr path) {
            return StatesError.runtime(
                    "Invalid path '" + path + "': The choice state's condition path references an invalid value.");
        }

        /**
         * StringMatches: {@code *} matches any run of characters; {@code \*} is a literal star and {@code \\} a
         * literal backslash.
         */
        static Pattern wildcard(String text) {
            StringBuilder regex = new StringBuilder();
            StringBuilder literal = new StringBuilder();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\\' && i + 1 < text.length()) {
                    literal.append(text.charAt(++i));
                } else if (c == '*') {
                    regex.append(Pattern.quote(literal.toString())).append(".*");
                    literal.setLength(0);
                } else {
                    literal.append(c);
                }
            }
            regex.append(Pattern.quote(literal.toString()));
            return Pattern.compile(regex.toString(), Pattern.DOTALL);
        }
    }
}
