package dev.switchyard.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchyard.contracts.Json;
import dev.switchyard.contracts.orchestration.PlanRequest;
import dev.switchyard.reactor.ports.ExecutionStarter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;

/**
 * Starts a category run's orchestration as a Step Functions execution named for {@code (category, runDate)}.
 *
 * <p>Repeats are safe because of how {@code StartExecution} treats names, for STANDARD state machines (the
 * kind {@code glue:startJobRun.sync} needs): an execution name is unique per state machine for 90 days; a
 * second call with the same name and the same input while that execution is open succeeds and returns the
 * original execution, and a second call while it is closed, or with a different input, fails with {@code
 * ExecutionAlreadyExists}. Either way the category run was started once, so both count as started here; the
 * input is built byte for byte the same for the same call so that the open case answers success. See
 * https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html
 */
public final class StepFunctionsStarter implements ExecutionStarter {
    /** The input's {@code TriggeredBy}, so an execution's history tells who started it. */
    public static final String TRIGGERED_BY = "switchyard-reactor";

    /** Step Functions' longest execution name. */
    private static final int MAX_NAME = 80;

    private final SfnClient stepFunctions;
    private final String stateMachineArn;
    private final String executionArnPrefix;
    private final String triggeredBy;

    /**
     * The reactor's starter.
     *
     * @param stateMachineArn {@code arn:PARTITION:states:REGION:ACCOUNT:stateMachine:NAME}, optionally
     *     qualified with a version or alias ({@code …:NAME:PROD})
     */
    public StepFunctionsStarter(SfnClient stepFunctions, String stateMachineArn) {
        this(stepFunctions, stateMachineArn, TRIGGERED_BY);
    }

    /** A starter whose executions' input says {@code triggeredBy} started them. */
    public StepFunctionsStarter(SfnClient stepFunctions, String stateMachineArn, String triggeredBy) {
        this.stepFunctions = Objects.requireNonNull(stepFunctions, "stepFunctions");
        this.stateMachineArn = Objects.requireNonNull(stateMachineArn, "stateMachineArn");
        this.executionArnPrefix = executionArnPrefix(stateMachineArn);
        this.triggeredBy = Objects.requireNonNull(triggeredBy, "triggeredBy");
    }

    @Override
    public String start(String category, LocalDate runDate, String environment) {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(runDate, "runDate");
        return startExecution(
                ExecutionStarter.executionName(category, runDate),
                input(category, runDate, environment, triggeredBy),
                category);
    }

    /**
     * Starts a re-run of a blocked category run's failed jobs: an execution whose input adds {@code "Rerun": true}
     * (README, "A re-run on AWS"). The category run's own execution name is taken, so this one is named for the
     * category, the date and the second it is asked for: the same request twice in one second starts it once.
     *
     * @return the execution's ARN
     */
    public String rerun(String category, LocalDate runDate, Instant now) {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(runDate, "runDate");
        // The date and the second are kept whole, and the category's part shortened: two dates' re-runs asked
        // for in one second must not share a name, or the second would count as started and never run.
        String tail = "-" + runDate + "-rerun-" + now.getEpochSecond();
        String base = ExecutionStarter.executionName(category, runDate);
        String head = base.substring(0, base.length() - ("-" + runDate).length());
        String name = head.substring(0, Math.min(head.length(), MAX_NAME - tail.length())) + tail;
        ObjectNode input = PlanRequest.executionInput(category, runDate, null, triggeredBy);
        input.put(PlanRequest.RERUN, true);
        return startExecution(name, write(input, category), category);
    }

    private String startExecution(String name, String input, String category) {
        try {
            return stepFunctions
                    .startExecution(
                            b -> b.stateMachineArn(stateMachineArn).name(name).input(input))
                    .executionArn();
        } catch (ExecutionAlreadyExistsException started) {
            // Started before: closed since, or started with another input (an environment that differed).
            return executionArn(name);
        } catch (SdkException e) {
            throw AwsFailures.translate(
                    e, "StartExecution " + name + " of state machine " + stateMachineArn + " for category " + category);
        }
    }

    /** The ARN Step Functions gives the execution {@code name} of this state machine. */
    String executionArn(String name) {
        return executionArnPrefix + name;
    }

    /**
     * The execution's input, the state machine's input of SPEC §5 as {@link PlanRequest#executionInput} writes
     * it, compact, so that the same call gives the same bytes.
     */
    static String input(String category, LocalDate runDate, String environment, String triggeredBy) {
        return write(PlanRequest.executionInput(category, runDate, environment, triggeredBy), category);
    }

    private static String write(ObjectNode input, String category) {
        try {
            return Json.mapper().writeValueAsString(input);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the input of category " + category, e);
        }
    }

    /**
     * Checks a state machine ARN without building a client.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static String checkArn(String stateMachineArn) {
        executionArnPrefix(stateMachineArn);
        return stateMachineArn;
    }

    // arn:aws:states:us-east-1:123456789012:stateMachine:Orchestrator[:alias]
    //   -> arn:aws:states:us-east-1:123456789012:execution:Orchestrator:
    // Executions of a version or an alias carry the state machine's own name too.
    private static String executionArnPrefix(String stateMachineArn) {
        String[] parts = stateMachineArn.split(":", -1);
        if (parts.length < 7
                || parts.length > 8
                || !parts[0].equals("arn")
                || !parts[2].equals("states")
                || !parts[5].equals("stateMachine")
                || parts[6].isEmpty()) {
            throw new IllegalArgumentException("not a Step Functions state machine ARN: " + stateMachineArn
                    + " (expected arn:aws:states:REGION:ACCOUNT:stateMachine:NAME)");
        }
        return String.join(":", parts[0], parts[1], parts[2], parts[3], parts[4], "execution", parts[6], "");
    }
}
