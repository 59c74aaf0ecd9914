package dev.switchyard.statemachine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.random.RandomGenerator;

/** What a payload template or intrinsic function reads: its input, the Context Object, and randomness. */
record Eval(JsonNode input, JsonNode context, RandomGenerator random) {}
