package io.openjims.devinfra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Hands a Quarkus test the shared embedded Kafka broker: {@code kafka.bootstrap.servers}. The broker outlives the
 * test class; it stops with the JVM.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", SharedInfra.kafkaBootstrapServers());
    }

    @Override
    public void stop() {
        // Shared by all test classes of this JVM; stopped by SharedInfra's shutdown hook.
    }
}
