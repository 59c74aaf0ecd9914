package dev.switchyard.statemachine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads the Choice Rules of a Choice state: a comparison of a Variable with one operator, or And, Or and Not. */
final class ChoiceRules {
    private ChoiceRules() {}

    static ChoiceRule parse(Fields f, boolean top) {
        List<String> unknown = new ArrayList<>();
        List<String> operators = new ArrayList<>();
        for (String field : f.names()) {
            if (Operator.forField(field).isPresent()) {
                operators.add(field);
            } else if (!Set.of("Comment", "Variable", "And", "Or", "Not").contains(field)
                    && !(top && field.equals("Next"))) {
                unknown.add(field);
            }
        }
        if (!unknown.isEmpty()) {
            throw f.invalid("field " + String.join(", ", unknown) + " is not supported in "
                    + (top ? "a Choice Rule" : "a nested Choice Rule (only a top-level rule has Next)"));
        }
        f.atMostOne("And", "Or", "Not", "Variable");
        if (f.has("And") || f.has("Or")) {
            String field = f.has("And") ? "And" : "Or";
            if (!operators.isEmpty()) {
                throw f.invalid(field, "may not be combined with " + operators.getFirst());
            }
            JsonNode rules = f.get(field);
            if (!rules.isArray() || rules.isEmpty()) {
                throw f.invalid(field, "must be a non-empty array of Choice Rules");
            }
            List<ChoiceRule> nested = new ArrayList<>();
            for (int i = 0; i < rules.size(); i++) {
                nested.add(parse(new Fields(rules.get(i), f.where() + " " + field + "[" + i + "]"), false));
            }
            return field.equals("And") ? new ChoiceRule.And(nested) : new ChoiceRule.Or(nested);
        }
        if (f.has("Not")) {
            if (!operators.isEmpty()) {
                throw f.invalid("Not", "may not be combined with " + operators.getFirst());
            }
            return new ChoiceRule.Not(parse(new Fields(f.get("Not"), f.where() + " Not"), false));
        }
        return comparison(f, operators);
    }

    private static ChoiceRule comparison(Fields f, List<String> operators) {
        JsonPathExpr variable = f.path("Variable");
        if (variable == null) {
            throw f.invalid("needs Variable with a comparison, or And, Or or Not");
        }
        if (operators.size() != 1) {
            throw f.invalid("needs exactly one comparison operator, not " + operators.size());
        }
        String field = operators.getFirst();
        Operator operator = Operator.forField(field).orElseThrow();
        JsonNode operand = f.get(field);
        if (!field.equals(operator.field())) {
            return new ChoiceRule.Compare(variable, operator, null, f.path(field), null);
        }
        if (!operator.acceptsOperand(operand)) {
            throw f.invalid(field, "has a value of the wrong type: " + operand);
        }
        Pattern pattern = operator == Operator.STRING_MATCHES ? ChoiceRule.Compare.wildcard(operand.textValue()) : null;
        return new ChoiceRule.Compare(variable, operator, operand, null, pattern);
    }
}
