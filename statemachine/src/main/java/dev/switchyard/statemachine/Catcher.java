package dev.switchyard.statemachine;

import java.util.List;

/** A Catcher: the state to go on to, and where the Error Output goes in the state's raw input (default $). */
record Catcher(List<String> errorEquals, String next, ResultPath resultPath) {
    Catcher {
        errorEquals = List.copyOf(errorEquals);
    }
}
