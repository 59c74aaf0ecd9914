package dev.switchyard.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KafkaSettingsTest {
    @Test
    void shouldUseTheSpecsTopics_byDefault() {
        KafkaSettings settings = KafkaSettings.of("b-1.example.com:9092,b-2.example.com:9092");

        assertThat(settings.metricsTopic()).isEqualTo("switchyard.job-runs");
        assertThat(settings.auditTopic()).isEqualTo("switchyard.audit");
        assertThat(settings.deliveryTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "broker", "broker:", "broker:9092,", "http://broker:9092", "broker:port"})
    void shouldRefuseBootstrapServersThatAreNotHostAndPort(String servers) {
        assertThatThrownBy(() -> KafkaSettings.of(servers))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bootstrap server");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "job runs", "metrics/v1"})
    void shouldRefuseTopicNamesKafkaRefuses(String topic) {
        assertThatThrownBy(() -> KafkaSettings.of("broker:9092").withTopics(topic, "audit"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the metrics topic '" + topic + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"acks", "enable.idempotence", "bootstrap.servers", "transactional.id"})
    void shouldRefuseToLetTheSafetySettingsBeOverridden(String property) {
        assertThatThrownBy(() -> KafkaSettings.of("broker:9092").withClientProperties(Map.of(property, "x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(property + " is set by Switchyard");
    }

    @Test
    void shouldKeepAcksAllAndIdempotence_andAllowTheUsersSecuritySettings() {
        KafkaSettings settings = KafkaSettings.of("broker:9094")
                .withClientProperties(Map.of("security.protocol", "SSL", "linger.ms", "20"));

        Map<String, Object> config = KafkaSinks.producerConfig(settings);

        assertThat(config)
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", "true")
                .containsEntry("security.protocol", "SSL")
                .containsEntry("linger.ms", "20")
                .containsEntry("buffer.memory", Long.toString(KafkaSinks.BUFFER_BYTES));
        long delivery = Long.parseLong((String) config.get("delivery.timeout.ms"));
        long request = Long.parseLong((String) config.get("request.timeout.ms"));
        assertThat(delivery).isGreaterThanOrEqualTo(request + 20);
    }

    @Test
    void shouldRefuseAPropertyOfTheWrongType_whenTheSinksAreMade() {
        KafkaSettings settings = KafkaSettings.of("broker:9092").withClientProperties(Map.of("batch.size", "big"));

        assertThatThrownBy(() -> new KafkaSinks(settings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batch.size");
    }

    @Test
    void shouldRefuseADeliveryTimeoutBelowOneSecond() {
        assertThatThrownBy(() -> KafkaSettings.of("broker:9092").withDeliveryTimeout(Duration.ofMillis(10)))
                .hasMessageContaining("between 1 second and 1 hour");
    }
}
