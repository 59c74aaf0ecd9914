package dev.switchyard.statemachine;

import com.fasterxml.jackson.databind.JsonNode;

/** A Fail state's Error or Cause: fixed text, or a Path or intrinsic function (ErrorPath, CausePath). */
sealed interface StringSource {
    String resolve(Eval eval, String field) throws StatesError;

    record Fixed(String text) implements StringSource {
        @Override
        public String resolve(Eval eval, String field) {
            return text;
        }
    }

    record FromPath(JsonPathExpr path) implements StringSource {
        @Override
        public String resolve(Eval eval, String field) throws StatesError {
            return text(path.select(eval.input(), eval.context()), field);
        }
    }

    record FromIntrinsic(Intrinsic.Call call) implements StringSource {
        @Override
        public String resolve(Eval eval, String field) throws StatesError {
            return text(IntrinsicFunctions.evaluate(call, eval), field);
        }
    }

    private static String text(JsonNode value, String field) throws StatesError {
        if (value == null || !value.isTextual()) {
            throw StatesError.runtime(
                    field + " must select a string; it gave " + (value == null ? "nothing" : Json.abbreviate(value)));
        }
        return value.textValue();
    }
}
