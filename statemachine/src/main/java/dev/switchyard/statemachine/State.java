package dev.switchyard.statemachine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * One state of a definition, checked when the definition was read. Its path names it with the states that contain it
 * ({@code RunJobs > RunJob}); next is null where the state ends its scope.
 */
sealed interface State {
    String name();

    String path();

    /** Result (a Pass state's literal result, or null) and Parameters (or null). */
    record Pass(
            String name,
            String path,
            Io io,
            PayloadTemplate parameters,
            JsonNode result,
            ResultPath resultPath,
            String next)
            implements State {}

    /** A call of local code; timeout and timeoutPath are both null when the task may run for as long as it takes. */
    record Task(
            String name,
            String path,
            Io io,
            String resource,
            PayloadTemplate parameters,
            PayloadTemplate resultSelector,
            ResultPath resultPath,
            ErrorHandling errors,
            Integer timeoutSeconds,
            JsonPathExpr timeoutSecondsPath,
            String next)
            implements State {}

    /** A rule and the state it leads to. */
    record Branch(ChoiceRule rule, String next) {}

    record Choice(String name, String path, Io io, List<Branch> choices, String defaultNext) implements State {}

    record Wait(String name, String path, Io io, WaitFor waitFor, String next) implements State {}

    /** The four ways a Wait state says how long. */
    sealed interface WaitFor {
        record Seconds(long seconds) implements WaitFor {}

        record SecondsPath(JsonPathExpr path) implements WaitFor {}

        record Timestamp(Instant instant) implements WaitFor {}

        record TimestampPath(JsonPathExpr path) implements WaitFor {}
    }

    record Succeed(String name, String path, Io io) implements State {}

    /** Error and cause are null where the definition gives none. */
    record Fail(String name, String path, StringSource error, StringSource cause) implements State {}

    /** An inline Map; maxConcurrency 0 is no limit, and maxConcurrencyPath (if any) replaces it. */
    record Map(
            String name,
            String path,
            Io io,
            JsonPathExpr itemsPath,
            PayloadTemplate itemSelector,
            Scope processor,
            int maxConcurrency,
            JsonPathExpr maxConcurrencyPath,
            PayloadTemplate resultSelector,
            ResultPath resultPath,
            ErrorHandling errors,
            String next)
            implements State {}

    record Parallel(
            String name,
            String path,
            Io io,
            PayloadTemplate parameters,
            List<Scope> branches,
            PayloadTemplate resultSelector,
            ResultPath resultPath,
            ErrorHandling errors,
            String next)
            implements State {}
}
