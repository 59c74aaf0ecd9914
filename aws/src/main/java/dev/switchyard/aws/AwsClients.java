package dev.switchyard.aws;

import java.net.URI;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProviderChain;
import software.amazon.awssdk.regions.providers.SystemSettingsRegionProvider;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Builds the SDK clients the adapters of this module take, all on the lightweight URL connection HTTP client.
 *
 * <p>Building a client does no network I/O, so a Lambda function can build its clients in its constructor
 * without paying for a call to AWS at cold start: credentials are resolved at the first request, and the
 * region is taken from the argument, {@code AWS_REGION} (which Lambda sets) or the {@code aws.region}
 * property, or the profile file, but never from instance metadata, which the SDK's default region chain
 * would ask over the network where nothing else names a region.
 */
public final class AwsClients {

    /**
     * How to reach AWS; every field may be null for "the default".
     *
     * @param region e.g. {@code eu-west-1}; null: see {@link AwsClients}
     * @param endpoint a replacement endpoint (a test server, a LocalStack-like emulator, a VPC endpoint)
     * @param credentials null: the SDK's default credentials chain
     * @param maxAttempts attempts per call, the first included (1: no retry); null: the SDK's default (3, with
     *     backoff, for throttling, 5xx and I/O errors)
     */
    public record Settings(String region, URI endpoint, AwsCredentialsProvider credentials, Integer maxAttempts) {
        /** Everything from the environment, as in a Lambda function. */
        public static final Settings DEFAULT = new Settings(null, null, null, null);

        public Settings {
            if (maxAttempts != null && maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
            }
        }

        public Settings withRegion(String newRegion) {
            return new Settings(newRegion, endpoint, credentials, maxAttempts);
        }

        public Settings withEndpoint(URI newEndpoint) {
            return new Settings(region, newEndpoint, credentials, maxAttempts);
        }

        public Settings withCredentials(AwsCredentialsProvider newCredentials) {
            return new Settings(region, endpoint, newCredentials, maxAttempts);
        }

        public Settings withMaxAttempts(Integer newMaxAttempts) {
            return new Settings(region, endpoint, credentials, newMaxAttempts);
        }
    }

    private AwsClients() {}

    /** A Glue client for {@link GlueJobRuns}. */
    public static GlueClient glue(Settings settings) {
        return configure(GlueClient.builder(), settings).build();
    }

    /** A Step Functions client for {@link StepFunctionsStarter}. */
    public static SfnClient stepFunctions(Settings settings) {
        return configure(SfnClient.builder(), settings).build();
    }

    /** An EventBridge client for {@link EventBridgeSink}. */
    public static EventBridgeClient eventBridge(Settings settings) {
        return configure(EventBridgeClient.builder(), settings).build();
    }

    static <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder, Settings settings) {
        Objects.requireNonNull(settings, "settings");
        builder.httpClientBuilder(UrlConnectionHttpClient.builder()).region(region(settings));
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        if (settings.credentials() != null) {
            builder.credentialsProvider(settings.credentials());
        }
        if (settings.maxAttempts() != null) {
            int attempts = settings.maxAttempts();
            builder.overrideConfiguration(c -> c.retryStrategy(r -> r.maxAttempts(attempts)));
        }
        return builder;
    }

    static Region region(Settings settings) {
        if (settings.region() != null) {
            return Region.of(settings.region());
        }
        try {
            return new AwsRegionProviderChain(new SystemSettingsRegionProvider(), new AwsProfileRegionProvider())
                    .getRegion();
        } catch (SdkClientException none) {
            if (settings.endpoint() != null) {
                // An emulator answers whatever region a request is signed for.
                return Region.US_EAST_1;
            }
            throw new IllegalStateException(
                    "no AWS region: set AWS_REGION, the aws.region system property or a profile's region, or pass one",
                    none);
        }
    }
}
