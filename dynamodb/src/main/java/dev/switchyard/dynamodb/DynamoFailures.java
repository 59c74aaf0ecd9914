package dev.switchyard.dynamodb;

import dev.switchyard.reactor.store.MissingTableException;
import dev.switchyard.reactor.store.StoreUnavailableException;
import java.io.IOException;
import java.util.Set;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * Turns the SDK's exceptions into the failures the store port names: a refused request is an {@link
 * IllegalArgumentException}, a DynamoDB that cannot answer now a {@link StoreUnavailableException}, a
 * missing table a {@link MissingTableException}.
 */
final class DynamoFailures {
    // Error codes: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html
    // The SDK has already retried what it retries (throttling, 5xx, I/O) when one of these reaches us.
    private static final Set<String> TRANSIENT = Set.of(
            "ProvisionedThroughputExceededException",
            "ThrottlingException",
            "RequestLimitExceeded",
            // A write to an item that an ongoing transaction holds; the same write succeeds later.
            "TransactionConflictException");

    private DynamoFailures() {}

    /**
     * The failure to throw for an SDK exception.
     *
     * @param operation the DynamoDB operation, for the message ({@code PutItem})
     * @param table the physical table name
     */
    static RuntimeException translate(SdkException e, String operation, String table) {
        return switch (e) {
            case DynamoDbException service -> service(service, operation, table);
            case SdkClientException client
            when isTransient(client) ->
                new StoreUnavailableException(
                        operation + " on DynamoDB table " + table + " could not reach DynamoDB: " + e.getMessage(), e);
            // The SDK checks little of a DynamoDB request itself (DynamoDB answers ValidationException for
            // what it refuses); what it does refuse before sending fails to marshal.
            case SdkClientException client
            when isRefusedRequest(client) ->
                new IllegalArgumentException(operation + " on DynamoDB table " + table + ": " + e.getMessage(), e);
            // The rest is the client's set-up (no credentials, no region): retrying will not help.
            case SdkClientException client ->
                new IllegalStateException(operation + " on DynamoDB table " + table + ": " + e.getMessage(), e);
            default -> e;
        };
    }

    static String errorCode(DynamoDbException e) {
        return e.awsErrorDetails() == null
                ? ""
                : String.valueOf(e.awsErrorDetails().errorCode());
    }

    private static RuntimeException service(DynamoDbException e, String operation, String table) {
        String code = errorCode(e);
        String message = e.awsErrorDetails() == null
                ? e.getMessage()
                : e.awsErrorDetails().errorMessage();
        if (code.equals("ValidationException")) {
            return new IllegalArgumentException(message + " (" + operation + " on DynamoDB table " + table + ")", e);
        }
        if (code.equals("ResourceNotFoundException")) {
            return new MissingTableException(table, "DynamoDB table " + table + " does not exist (" + message + ")", e);
        }
        if (TRANSIENT.contains(code) || e.isThrottlingException() || e.statusCode() >= 500) {
            return new StoreUnavailableException(
                    operation + " on DynamoDB table " + table + " failed for now: " + code + ": " + message, e);
        }
        return new IllegalStateException(
                operation + " on DynamoDB table " + table + " failed: " + code + ": " + message, e);
    }

    private static boolean isRefusedRequest(SdkClientException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof IllegalArgumentException || cause instanceof NullPointerException) {
                return true;
            }
        }
        return String.valueOf(e.getMessage()).startsWith("Unable to marshall");
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
