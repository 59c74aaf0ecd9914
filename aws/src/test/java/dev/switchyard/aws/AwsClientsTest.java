package dev.switchyard.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.sfn.SfnClient;

class AwsClientsTest {

    @Test
    void shouldCallNothing_whenClientsAreBuilt() {
        try (FakeAwsServer aws = new FakeAwsServer();
                GlueClient glue = AwsClients.glue(aws.settings());
                SfnClient sfn = AwsClients.stepFunctions(aws.settings());
                EventBridgeClient events = AwsClients.eventBridge(aws.settings())) {
            assertThat(aws.requests()).isEmpty();
            assertThat(glue.serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_1);
            assertThat(sfn.serviceClientConfiguration().endpointOverride()).contains(aws.endpoint());
            assertThat(events.serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_1);
        }
    }

    @Test
    void shouldBuildWithTheSdkDefaultCredentials_whenNoneAreGiven() {
        // The default credentials chain is consulted at the first call, not here.
        try (GlueClient glue = AwsClients.glue(AwsClients.Settings.DEFAULT.withRegion("us-west-2"))) {
            assertThat(glue.serviceClientConfiguration().region()).isEqualTo(Region.US_WEST_2);
            assertThat(glue.serviceClientConfiguration().endpointOverride()).isEmpty();
        }
    }

    @Test
    void shouldTakeTheRegionFromTheArgumentBeforeTheEnvironment() {
        Region region = AwsClients.region(AwsClients.Settings.DEFAULT
                .withRegion("ap-southeast-2")
                .withEndpoint(URI.create("http://127.0.0.1:1")));

        assertThat(region).isEqualTo(Region.AP_SOUTHEAST_2);
    }

    @Test
    void shouldRefuseFewerThanOneAttempt() {
        assertThatThrownBy(() -> AwsClients.Settings.DEFAULT.withMaxAttempts(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxAttempts");
    }
}
