package dev.switchyard.statemachine;

import java.util.Arrays;
import java.util.Optional;

/** The intrinsic functions of JSONPath mode, with the number of arguments each takes. */
enum IntrinsicFunction {
    FORMAT("Format", 1, Integer.MAX_VALUE),
    STRING_TO_JSON("StringToJson", 1, 1),
    JSON_TO_STRING("JsonToString", 1, 1),
    ARRAY("Array", 0, Integer.MAX_VALUE),
    ARRAY_PARTITION("ArrayPartition", 2, 2),
    ARRAY_CONTAINS("ArrayContains", 2, 2),
    ARRAY_RANGE("ArrayRange", 3, 3),
    ARRAY_GET_ITEM("ArrayGetItem", 2, 2),
    ARRAY_LENGTH("ArrayLength", 1, 1),
    ARRAY_UNIQUE("ArrayUnique", 1, 1),
    BASE64_ENCODE("Base64Encode", 1, 1),
    BASE64_DECODE("Base64Decode", 1, 1),
    HASH("Hash", 2, 2),
    JSON_MERGE("JsonMerge", 3, 3),
    MATH_RANDOM("MathRandom", 2, 3),
    MATH_ADD("MathAdd", 2, 2),
    STRING_SPLIT("StringSplit", 2, 2),
    UUID("UUID", 0, 0);

    private final String asl;
    private final int minArgs;
    private final int maxArgs;

    IntrinsicFunction(String name, int minArgs, int maxArgs) {
        this.asl = "States." + name;
        this.minArgs = minArgs;
        this.maxArgs = maxArgs;
    }

    static Optional<IntrinsicFunction> named(String asl) {
        return Arrays.stream(values()).filter(f -> f.asl.equals(asl)).findFirst();
    }

    /** The name as written in a definition, e.g. States.Format. */
    String asl() {
        return asl;
    }

    int minArgs() {
        return minArgs;
    }

    int maxArgs() {
        return maxArgs;
    }

    String arity() {
        if (maxArgs == Integer.MAX_VALUE) {
            return minArgs + " or more arguments";
        }
        return minArgs == maxArgs
                ? minArgs + (minArgs == 1 ? " argument" : " arguments")
                : minArgs + " to " + maxArgs + " arguments";
    }
}
