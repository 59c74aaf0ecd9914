package dev.switchyard.statemachine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** The runner's one ObjectMapper and Jayway configuration, and the few JSON helpers the states share. */
final class Json {
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final Configuration PATHS = Configuration.builder()
            .jsonProvider(new StrictIndexProvider(MAPPER))
            .mappingProvider(new JacksonMappingProvider(MAPPER))
            .build();

    private Json() {}

    /** Compact JSON text, as Step Functions passes payloads on. */
    static String compact(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Size of the compact UTF-8 JSON text, counted without keeping the bytes. */
    static int utf8Length(JsonNode node) {
        ByteCounter counter = new ByteCounter();
        try {
            MAPPER.writeValue(counter, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return (int) Math.min(Integer.MAX_VALUE, counter.count);
    }

    /** An integer node of the smallest type, so it equals the node a JSON parser would make for the same text. */
    static JsonNode number(long value) {
        return value == (int) value ? NODES.numberNode((int) value) : NODES.numberNode(value);
    }

    /** A JSON value as a Jackson node; Jayway answers plain Java values for its functions. */
    static JsonNode toNode(Object value) {
        return value instanceof JsonNode node ? node : MAPPER.valueToTree(value);
    }

    /** A shallow copy: changing its own fields leaves the original alone, the children are shared. */
    static ObjectNode shallowCopy(ObjectNode node) {
        ObjectNode copy = NODES.objectNode();
        copy.setAll(node);
        return copy;
    }

    static ArrayNode shallowCopy(ArrayNode node) {
        ArrayNode copy = NODES.arrayNode(node.size());
        copy.addAll(node);
        return copy;
    }

    /** The value as text for an error message, cut short so a 256 KB payload does not become the cause. */
    static String abbreviate(JsonNode node) {
        String text = compact(node);
        return text.length() <= 1000 ? text : text.substring(0, 1000) + "…";
    }

    private static final class ByteCounter extends OutputStream {
        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }

    /**
     * Jackson's provider answers null for an index past the end of an array, which Jayway then reports as a JSON
     * null; Jayway reads an IndexOutOfBoundsException as "no such element", which is what AWS reports.
     */
    private static final class StrictIndexProvider extends JacksonJsonNodeJsonProvider {
        StrictIndexProvider(ObjectMapper mapper) {
            super(mapper);
        }

        @Override
        public Object getArrayIndex(Object array, int index) {
            if (array instanceof ArrayNode node && (index < 0 || index >= node.size())) {
                throw new IndexOutOfBoundsException(index);
            }
            return super.getArrayIndex(array, index);
        }
    }
}
