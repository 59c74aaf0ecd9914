package dev.switchyard.statemachine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The ResultPath writer and Jayway, the reader, agree on what a Reference Path names. */
class ReferencePathProperties {
    @Property
    void aValueWrittenAtAReferencePathIsReadBackByTheSamePath(@ForAll("paths") String path, @ForAll int value)
            throws StatesError {
        ObjectNode input = Json.NODES.objectNode().put("kept", true);

        JsonNode written = ReferencePath.parse(path).write(input, IntNode.valueOf(value));

        assertThat(JsonPathExpr.parse(path).select(written, null)).isEqualTo(IntNode.valueOf(value));
        assertThat(written.get("kept")).isEqualTo(Json.NODES.booleanNode(true));
        assertThat(input).isEqualTo(Json.NODES.objectNode().put("kept", true));
    }

    @Property
    void writingTwiceAtTheSamePathKeepsOnlyTheLastValue(
            @ForAll("paths") String path, @ForAll int first, @ForAll int last) throws StatesError {
        ReferencePath at = ReferencePath.parse(path);

        JsonNode written = at.write(at.write(Json.NODES.objectNode(), IntNode.valueOf(first)), IntNode.valueOf(last));

        assertThat(written).isEqualTo(at.write(Json.NODES.objectNode(), IntNode.valueOf(last)));
    }

    @Provide
    Arbitrary<String> paths() {
        Arbitrary<String> dotted = Arbitraries.strings()
                .withChars("abcxyzABC_-$0123456789")
                .ofMinLength(1)
                .ofMaxLength(6)
                .filter(name -> !name.equals("kept"))
                .map(name -> "." + name);
        Arbitrary<String> bracketed = Arbitraries.strings()
                .withChars("ab .-:*,$@?")
                .ofMinLength(1)
                .ofMaxLength(6)
                .map(name -> "['" + name + "']");
        return Arbitraries.oneOf(dotted, bracketed)
                .list()
                .ofMinSize(1)
                .ofMaxSize(4)
                .map(steps -> "$" + String.join("", steps));
    }
}
