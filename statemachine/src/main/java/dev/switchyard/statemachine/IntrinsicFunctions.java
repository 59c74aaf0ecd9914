package dev.switchyard.statemachine;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Evaluates intrinsic function calls as the Step Functions guide describes them
 * (https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html). A failure is
 * States.IntrinsicFailure naming the function and the argument.
 */
final class IntrinsicFunctions {
    /** Base64Encode, Base64Decode and Hash take "a data string of up to 10,000 characters". */
    private static final int MAX_DATA_CHARS = 10_000;
    /** "The newly generated array can't contain more than 1000 items." */
    private static final int MAX_RANGE_ITEMS = 1_000;

    private static final Set<String> HASH_ALGORITHMS = Set.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");

    private IntrinsicFunctions() {}

    static JsonNode evaluate(Intrinsic.Call call, Eval eval) throws StatesError {
        List<JsonNode> values = new ArrayList<>(call.args().size());
        for (int i = 0; i < call.args().size(); i++) {
            values.add(argument(call, i, eval));
        }
        Args args = new Args(call.function(), values);
        return switch (call.function()) {
            case FORMAT -> format(call, args);
            case STRING_TO_JSON -> stringToJson(args);
            case JSON_TO_STRING -> TextNode.valueOf(Json.compact(args.get(0)));
            case ARRAY -> Json.NODES.arrayNode().addAll(values);
            case ARRAY_PARTITION -> partition(args);
            case ARRAY_CONTAINS -> Json.NODES.booleanNode(contains(args.array(0), args.get(1)));
            case ARRAY_RANGE -> range(args);
            case ARRAY_GET_ITEM -> getItem(args);
            case ARRAY_LENGTH -> Json.number(args.array(0).size());
            case ARRAY_UNIQUE -> unique(args.array(0));
            case BASE64_ENCODE ->
                TextNode.valueOf(Base64.getEncoder().encodeToString(args.data(0).getBytes(UTF_8)));
            case BASE64_DECODE -> base64Decode(args);
            case HASH -> hash(args);
            case JSON_MERGE -> merge(args);
            case MATH_RANDOM -> random(args, eval.random());
            case MATH_ADD -> add(args);
            case STRING_SPLIT -> split(args);
            case UUID -> uuid(eval.random());
        };
    }

    private static JsonNode argument(Intrinsic.Call call, int index, Eval eval) throws StatesError {
        return switch (call.args().get(index)) {
            case Intrinsic.Call nested -> evaluate(nested, eval);
            case Intrinsic.Literal literal -> literal.value();
            case Intrinsic.Text text -> TextNode.valueOf(text.value());
            case Intrinsic.PathArg arg -> {
                JsonNode value = arg.path().select(eval.input(), eval.context());
                if (value == null) {
                    // Step Functions fails the execution here (States.Runtime, which no Catch intercepts), as it
                    // does for a Parameters path that selects nothing.
                    throw StatesError.runtime("The JsonPath argument for the field '" + arg.path() + "' of "
                            + call.function().asl() + " could not be found in the input '"
                            + Json.abbreviate(eval.input())
                            + "'");
                }
                yield value;
            }
        };
    }

    /** Each {@code {}} takes the next argument; an escaped {@code \{} in a literal template stays a brace. */
    private static JsonNode format(Intrinsic.Call call, Args args) throws StatesError {
        boolean literal = call.args().get(0) instanceof Intrinsic.Text;
        String template = literal ? ((Intrinsic.Text) call.args().get(0)).raw() : args.string(0);
        StringBuilder out = new StringBuilder(template.length() + 32);
        int next = 1;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (literal && c == '\\') {
                out.append(template.charAt(++i));
            } else if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
                if (next >= args.size()) {
                    throw failure(IntrinsicFunction.FORMAT, 0, "has more {} than there are arguments after it");
                }
                out.append(args.formatValue(next++));
                i++;
            } else {
                out.append(c);
            }
        }
        if (next != args.size()) {
            throw failure(
                    IntrinsicFunction.FORMAT, 0, "has fewer {} (" + (next - 1) + ") than there are arguments after it");
        }
        return TextNode.valueOf(out.toString());
    }

    private static JsonNode stringToJson(Args args) throws StatesError {
        String text = args.string(0);
        try {
            JsonNode parsed = Json.MAPPER.readTree(text);
            if (parsed == null || parsed.isMissingNode()) {
                throw failure(IntrinsicFunction.STRING_TO_JSON, 0, "is empty, not JSON text");
            }
            return parsed;
        } catch (JsonProcessingException e) {
            throw failure(IntrinsicFunction.STRING_TO_JSON, 0, "is not JSON text: " + e.getOriginalMessage());
        }
    }

    private static JsonNode partition(Args args) throws StatesError {
        ArrayNode array = args.array(0);
        long size = args.integer(1);
        if (size <= 0) {
            throw failure(IntrinsicFunction.ARRAY_PARTITION, 1, "must be a positive chunk size, not " + size);
        }
        ArrayNode chunks = Json.NODES.arrayNode();
        for (long start = 0; start < array.size(); start += size) {
            ArrayNode chunk = chunks.addArray();
            for (long i = start; i < Math.min(array.size(), start + size); i++) {
                chunk.add(array.get((int) i));
            }
        }
        return chunks;
    }

    private static boolean contains(ArrayNode array, JsonNode value) {
        for (JsonNode item : array) {
            if (item.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode range(Args args) throws StatesError {
        long first = args.integer(0);
        long last = args.integer(1);
        long step = args.integer(2);
        if (step == 0) {
            throw failure(IntrinsicFunction.ARRAY_RANGE, 2, "must not be 0");
        }
        long count = (last - first) / step < 0 ? 0 : (last - first) / step + 1;
        if (count > MAX_RANGE_ITEMS) {
            throw failure(
                    IntrinsicFunction.ARRAY_RANGE,
                    1,
                    "makes " + count + " items; at most " + MAX_RANGE_ITEMS + " are allowed");
        }
        ArrayNode range = Json.NODES.arrayNode();
        for (long i = 0, value = first; i < count; i++, value += step) {
            range.add(Json.number(value));
        }
        return range;
    }

    private static JsonNode getItem(Args args) throws StatesError {
        ArrayNode array = args.array(0);
        long index = args.integer(1);
        if (index < 0 || index >= array.size()) {
            throw failure(
                    IntrinsicFunction.ARRAY_GET_ITEM,
                    1,
                    "(" + index + ") is outside an array of " + array.size() + " items");
        }
        return array.get((int) index);
    }

    private static JsonNode unique(ArrayNode array) {
        Set<JsonNode> seen = new LinkedHashSet<>();
        array.forEach(seen::add);
        return Json.NODES.arrayNode().addAll(seen);
    }

    private static JsonNode base64Decode(Args args) throws StatesError {
        try {
            byte[] bytes = Base64.getDecoder().decode(args.data(0));
            return TextNode.valueOf(
                    UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString());
        } catch (IllegalArgumentException e) {
            throw failure(IntrinsicFunction.BASE64_DECODE, 0, "is not Base64: " + e.getMessage());
        } catch (CharacterCodingException e) {
            throw failure(IntrinsicFunction.BASE64_DECODE, 0, "does not decode to UTF-8 text");
        }
    }

    private static JsonNode hash(Args args) throws StatesError {
        String data = args.data(0);
        String algorithm = args.string(1);
        if (!HASH_ALGORITHMS.contains(algorithm)) {
            throw failure(IntrinsicFunction.HASH, 1, "must be one of " + HASH_ALGORITHMS + ", not " + algorithm);
        }
        try {
            byte[] digest = MessageDigest.getInstance(algorithm).digest(data.getBytes(UTF_8));
            return TextNode.valueOf(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has " + algorithm, e);
        }
    }

    /** Only the shallow merge exists: "Step Functions only supports the shallow merging mode". */
    private static JsonNode merge(Args args) throws StatesError {
        ObjectNode first = args.object(0);
        ObjectNode second = args.object(1);
        if (args.bool(2)) {
            throw failure(
                    IntrinsicFunction.JSON_MERGE, 2, "must be false: Step Functions supports only the shallow merge");
        }
        ObjectNode merged = Json.shallowCopy(first);
        merged.setAll(second);
        return merged;
    }

    /** From start (inclusive) to end (exclusive); the same seed gives the same number. */
    private static JsonNode random(Args args, RandomGenerator shared) throws StatesError {
        long start = args.rounded(0);
        long end = args.rounded(1);
        if (start > end) {
            throw failure(IntrinsicFunction.MATH_RANDOM, 1, "(" + end + ") is less than the start (" + start + ")");
        }
        if (start == end) {
            return Json.number(start);
        }
        RandomGenerator random = args.size() == 3 ? new SplittableRandom(args.rounded(2)) : shared;
        return Json.number(random.nextLong(start, end));
    }

    private static JsonNode add(Args args) throws StatesError {
        try {
            return Json.number(Math.addExact(args.rounded(0), args.rounded(1)));
        } catch (ArithmeticException e) {
            throw failure(IntrinsicFunction.MATH_ADD, 1, "makes the sum overflow");
        }
    }

    /** Every character of the second argument splits; empty pieces are dropped. */
    private static JsonNode split(Args args) throws StatesError {
        String text = args.string(0);
        String delimiters = args.string(1);
        if (delimiters.isEmpty()) {
            throw failure(IntrinsicFunction.STRING_SPLIT, 1, "must name at least one delimiting character");
        }
        ArrayNode parts = Json.NODES.arrayNode();
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || delimiters.indexOf(text.charAt(i)) >= 0) {
                if (i > start) {
                    parts.add(text.substring(start, i));
                }
                start = i + 1;
            }
        }
        return parts;
    }

    /** A version 4 UUID from the injected randomness, so a seeded run is repeatable. */
    private static JsonNode uuid(RandomGenerator random) {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return TextNode.valueOf(new java.util.UUID(high, low).toString());
    }

    static StatesError failure(IntrinsicFunction function, int index, String why) {
        return new StatesError(StatesError.INTRINSIC_FAILURE, function.asl() + ": argument " + (index + 1) + " " + why);
    }

    /** The evaluated arguments of one call, read with the type each function needs. */
    private record Args(IntrinsicFunction function, List<JsonNode> values) {
        int size() {
            return values.size();
        }

        JsonNode get(int index) {
            return values.get(index);
        }

        String string(int index) throws StatesError {
            JsonNode value = values.get(index);
            if (!value.isTextual()) {
                throw failure(function, index, "must be a string, not " + Json.abbreviate(value));
            }
            return value.textValue();
        }

        String data(int index) throws StatesError {
            String text = string(index);
            if (text.length() > MAX_DATA_CHARS) {
                throw failure(
                        function,
                        index,
                        "has " + text.length() + " characters; at most " + MAX_DATA_CHARS + " are allowed");
            }
            return text;
        }

        ArrayNode array(int index) throws StatesError {
            if (!(values.get(index) instanceof ArrayNode array)) {
                throw failure(function, index, "must be an array, not " + Json.abbreviate(values.get(index)));
            }
            return array;
        }

        ObjectNode object(int index) throws StatesError {
            if (!(values.get(index) instanceof ObjectNode object)) {
                throw failure(function, index, "must be a JSON object, not " + Json.abbreviate(values.get(index)));
            }
            return object;
        }

        boolean bool(int index) throws StatesError {
            JsonNode value = values.get(index);
            if (!value.isBoolean()) {
                throw failure(function, index, "must be true or false, not " + Json.abbreviate(value));
            }
            return value.booleanValue();
        }

        long integer(int index) throws StatesError {
            JsonNode value = values.get(index);
            if (value.isNumber()) {
                try {
                    return value.decimalValue().longValueExact();
                } catch (ArithmeticException e) {
                    // falls through to the failure below
                }
            }
            throw failure(function, index, "must be an integer, not " + Json.abbreviate(value));
        }

        /** MathAdd and MathRandom round a number that is not whole, as AWS does. */
        long rounded(int index) throws StatesError {
            JsonNode value = values.get(index);
            if (!value.isNumber()) {
                throw failure(function, index, "must be a number, not " + Json.abbreviate(value));
            }
            BigDecimal rounded = value.decimalValue().setScale(0, RoundingMode.HALF_UP);
            try {
                return rounded.longValueExact();
            } catch (ArithmeticException e) {
                throw failure(function, index, "is too large: " + value);
            }
        }

        /** A string goes in without quotes; a number, boolean or null as its JSON text. */
        String formatValue(int index) throws StatesError {
            JsonNode value = values.get(index);
            if (value.isContainerNode()) {
                throw failure(
                        function, index, "must be a string, number, boolean or null, not " + Json.abbreviate(value));
            }
            return value.isTextual() ? value.textValue() : value.toString();
        }
    }
}
