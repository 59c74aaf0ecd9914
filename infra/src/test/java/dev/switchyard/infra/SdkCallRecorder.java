package dev.switchyard.infra;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records every AWS SDK call made in this JVM while a recording is on, as {@code Service:Operation} (the
 * execution attributes {@code SERVICE_NAME} and {@code OPERATION_NAME}: {@code DynamoDb:GetItem}). No code
 * registers it: the SDK does, for every client it builds, because
 * {@code src/test/resources/software/amazon/awssdk/global/handlers/execution.interceptors} names it (the SDK's
 * global interceptors, which {@code ClasspathInterceptorChainFactory.getGlobalInterceptors} reads for each
 * client). So the Lambda handlers' own clients are recorded, built exactly as in Lambda.
 */
public final class SdkCallRecorder implements ExecutionInterceptor {
    /**
     * The IAM service prefix (the Service Authorization Reference's) of each service, by the name the SDK gives
     * it in {@code SERVICE_NAME}, its client's: DynamoDb, Glue, Sfn, EventBridge.
     * For these four services every API operation is authorized by the IAM action of the same name
     * (GetItem by dynamodb:GetItem, StartExecution by states:StartExecution); a service where that is not so
     * (S3's ListObjectsV2 needs s3:ListBucket) must not be mapped by name, hence no default.
     */
    static final Map<String, String> IAM_PREFIXES =
            Map.of("DynamoDb", "dynamodb", "Glue", "glue", "Sfn", "states", "EventBridge", "events");

    private static final Object LOCK = new Object();
    private static List<String> recording; // guarded by LOCK; null when no recording is on

    /** For the SDK, which builds its global interceptors by their public no-argument constructor. */
    public SdkCallRecorder() {}

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        // Once per call, however many attempts the retry policy then makes: each call needs its permission once.
        String call = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + ":"
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        synchronized (LOCK) {
            if (recording != null) {
                recording.add(call);
            }
        }
    }

    /** Something to record, which may throw. */
    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    /**
     * The calls {@code work} makes, in order, from any thread, as {@code Service:Operation}.
     *
     * @throws IllegalStateException when another recording is on
     */
    static List<String> calls(Work work) throws Exception {
        List<String> calls = new ArrayList<>();
        synchronized (LOCK) {
            if (recording != null) {
                throw new IllegalStateException("a recording is on already");
            }
            recording = calls;
        }
        try {
            work.run();
        } finally {
            synchronized (LOCK) {
                recording = null;
            }
        }
        return List.copyOf(calls);
    }

    /** The IAM action a recorded call needs: {@code DynamoDb:GetItem} to {@code dynamodb:GetItem}. */
    static String action(String call) {
        int colon = call.indexOf(':');
        String service = colon < 0 ? call : call.substring(0, colon);
        String prefix = IAM_PREFIXES.get(service);
        if (prefix == null || colon == call.length() - 1) {
            throw new IllegalArgumentException("no IAM action is known for the call " + call + ": map service "
                    + service + " in SdkCallRecorder.IAM_PREFIXES (known: " + new TreeSet<>(IAM_PREFIXES.keySet())
                    + ") if its operations are authorized by actions of the same name");
        }
        return prefix + ":" + call.substring(colon + 1);
    }

    /** The IAM actions of recorded calls. */
    static Set<String> actions(Collection<String> calls) {
        Set<String> actions = new TreeSet<>();
        calls.forEach(call -> actions.add(action(call)));
        return actions;
    }
}
