package dev.switchyard.statemachine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A set of states and where to start: the state machine itself, a Map's ItemProcessor, or a Parallel branch. */
record Scope(String startAt, Map<String, State> states) {
    Scope {
        states = Collections.unmodifiableMap(new LinkedHashMap<>(states));
    }

    State start() {
        return states.get(startAt);
    }
}
