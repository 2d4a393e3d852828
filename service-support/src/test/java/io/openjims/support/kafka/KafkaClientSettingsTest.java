package io.openjims.support.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

class KafkaClientSettingsTest {

    private static Config config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 500))
                .build();
    }

    @Test
    void globalThenPrefixThenOverridesOnlyKnownNames() {
        Config config = config(Map.of(
                "kafka.bootstrap.servers", "a:9092",
                "kafka.security.protocol", "SSL",
                "kafka.linger.ms", "1",
                "my.producer.linger.ms", "5",
                "my.producer.topic", "not-a-kafka-setting",
                "my.producer.acks", "1",
                "other.linger.ms", "99"));
        Map<String, Object> producer = KafkaClientSettings.producer(config, "my.producer.", Map.of("acks", "all"));
        assertThat(producer)
                .containsEntry("bootstrap.servers", "a:9092")
                .containsEntry("security.protocol", "SSL")
                .containsEntry("linger.ms", "5")
                .containsEntry("acks", "all")
                .doesNotContainKey("topic");
        Map<String, Object> consumer = KafkaClientSettings.consumer(config, null, Map.of("group.id", "g"));
        assertThat(consumer)
                .containsEntry("bootstrap.servers", "a:9092")
                .containsEntry("group.id", "g")
                .doesNotContainKey("linger.ms");
        assertThat(KafkaClientSettings.adminOnly(producer))
                .containsEntry("bootstrap.servers", "a:9092")
                .doesNotContainKey("acks");
    }
}
