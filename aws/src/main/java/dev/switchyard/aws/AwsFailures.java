package dev.switchyard.aws;

import dev.switchyard.reactor.ports.TransientFailureException;
import java.io.IOException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Sorts the SDK's exceptions into the two kinds the reactor's ports know: a {@link TransientFailureException}
 * for what may pass (throttling, a service error, a network failure), an {@link IllegalStateException} for the
 * rest (a refused request, missing permissions, a client set up wrongly), which retrying will not mend.
 */
final class AwsFailures {
    // Error codes that mean "not now" across Glue, Step Functions and EventBridge. The SDK has already retried
    // these as often as the client allows when one reaches us.
    // Glue: https://docs.aws.amazon.com/glue/latest/webapi/API_GetJobRun.html (Errors)
    // Step Functions: https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html
    // Common errors: https://docs.aws.amazon.com/eventbridge/latest/APIReference/CommonErrors.html
    private static final Set<String> TRANSIENT_CODES = Set.of(
            "ThrottlingException",
            "Throttling",
            "TooManyRequestsException",
            "RequestLimitExceeded",
            "InternalFailure",
            "InternalServiceException",
            "InternalServerException",
            "InternalException",
            "ServiceUnavailable",
            "ServiceUnavailableException",
            "OperationTimeoutException",
            "KmsThrottlingException",
            // Step Functions: the account's open executions are at their quota; it passes as executions end,
            // and the trigger must not be lost meanwhile.
            "ExecutionLimitExceeded");

    private AwsFailures() {}

    /**
     * The failure to throw for an SDK exception.
     *
     * @param what the call, for the message ({@code "GetJobRun of Glue job X, run Y"})
     */
    static RuntimeException translate(SdkException e, String what) {
        return switch (e) {
            case AwsServiceException service
            when isTransient(service) ->
                new TransientFailureException(what + " failed for now: " + describe(service), e);
            case AwsServiceException service -> new IllegalStateException(what + " failed: " + describe(service), e);
            case SdkClientException client
            when isTransient(client) ->
                new TransientFailureException(what + " could not reach AWS: " + e.getMessage(), e);
            // No credentials, no region, a response that cannot be read: retrying will not help.
            default -> new IllegalStateException(what + " failed: " + e.getMessage(), e);
        };
    }

    /** The service's error code, or "" when the response carried none. */
    static String errorCode(AwsServiceException e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null
                ? ""
                : e.awsErrorDetails().errorCode();
    }

    /** Whether a per-entry or per-call error code names a failure that may pass. */
    static boolean isTransientCode(String errorCode) {
        return errorCode != null && TRANSIENT_CODES.contains(errorCode);
    }

    private static String describe(AwsServiceException e) {
        String message = e.awsErrorDetails() == null
                ? e.getMessage()
                : e.awsErrorDetails().errorMessage();
        return errorCode(e) + " (HTTP " + e.statusCode() + "): " + message;
    }

    private static boolean isTransient(AwsServiceException e) {
        return e.isThrottlingException() || e.statusCode() >= 500 || isTransientCode(errorCode(e));
    }

    private static boolean isTransient(SdkClientException e) {
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException || e.retryable()) {
            return true;
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
