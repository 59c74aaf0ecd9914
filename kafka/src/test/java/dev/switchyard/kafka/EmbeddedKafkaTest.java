package dev.switchyard.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fixture itself: a restarted broker is back on its port and keeps what it had. */
class EmbeddedKafkaTest {
    static EmbeddedKafka kafka;

    @BeforeAll
    static void start() {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stop() throws Exception {
        kafka.close();
    }

    @Test
    void shouldTakeRecordsAgain_whenTheBrokerIsRestartedOnItsPort() throws Exception {
        String topic = EmbeddedKafka.uniqueTopic("restart");
        kafka.createTopic(topic, 1);
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 3000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2000);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, "a", new byte[] {1})).get(10, TimeUnit.SECONDS);
            kafka.stopBroker();
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "b", new byte[] {2}))
                            .get(10, TimeUnit.SECONDS))
                    .isNotNull();
            kafka.restartBroker();
            producer.send(new ProducerRecord<>(topic, "c", new byte[] {3})).get(30, TimeUnit.SECONDS);
        }
        assertThat(kafka.consume(topic, 2, Duration.ofSeconds(10)))
                .extracting(r -> r.key())
                .containsExactly("a", "c");
    }
}
