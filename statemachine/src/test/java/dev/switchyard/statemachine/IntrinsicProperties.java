package dev.switchyard.statemachine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Laws of the intrinsic functions that must hold for any text. */
class IntrinsicProperties {
    private static JsonNode evaluate(String call, JsonNode input) throws StatesError {
        return IntrinsicFunctions.evaluate(
                Intrinsic.parse(call), new Eval(input, Json.NODES.objectNode(), new SplittableRandom(1)));
    }

    @Property
    void formattingAnEscapedLiteralGivesTheTextBack(@ForAll String text) throws StatesError {
        String escaped = text.replace("\\", "\\\\")
                .replace("'", "\\'")
                .replace("{", "\\{")
                .replace("}", "\\}");

        assertThat(evaluate("States.Format('" + escaped + "')", Json.NODES.objectNode())
                        .textValue())
                .isEqualTo(text);
    }

    @Property
    void aPlaceholderTakesTheStringVerbatim(@ForAll String before, @ForAll String value) throws StatesError {
        JsonNode input = Json.NODES.objectNode().put("before", before).put("value", value);

        assertThat(evaluate("States.Format('{}{}', $.before, $.value)", input).textValue())
                .isEqualTo(before + value);
    }

    @Property
    void jsonToStringThenStringToJsonGivesTheValueBack(@ForAll List<String> strings, @ForAll List<Integer> numbers)
            throws StatesError {
        JsonNode value = Json.NODES.objectNode().set("s", Json.MAPPER.valueToTree(strings));
        ((com.fasterxml.jackson.databind.node.ObjectNode) value).set("n", Json.MAPPER.valueToTree(numbers));
        JsonNode input = Json.NODES.objectNode().set("v", value);

        assertThat(evaluate("States.StringToJson(States.JsonToString($.v))", input))
                .isEqualTo(value);
    }

    @Property
    void base64DecodeUndoesBase64Encode(@ForAll String text) throws StatesError {
        JsonNode input = Json.NODES.objectNode().put("t", text.length() > 5000 ? text.substring(0, 5000) : text);

        assertThat(evaluate("States.Base64Decode(States.Base64Encode($.t))", input))
                .isEqualTo(input.get("t"));
    }
}
