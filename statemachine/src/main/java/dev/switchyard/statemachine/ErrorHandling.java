package dev.switchyard.statemachine;

import java.util.List;

/** The Retry and Catch fields of a Task, Map or Parallel state. */
record ErrorHandling(List<Retrier> retriers, List<Catcher> catchers) {
    static final ErrorHandling NONE = new ErrorHandling(List.of(), List.of());

    ErrorHandling {
        retriers = List.copyOf(retriers);
        catchers = List.copyOf(catchers);
    }
}
