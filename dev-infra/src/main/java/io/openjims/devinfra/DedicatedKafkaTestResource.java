package io.openjims.devinfra;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A Kafka broker of its own for one test profile, for tests that stop and restart the broker (readiness, backpressure,
 * nothing lost) without disturbing the shared one. Reach it through {@link #broker()}.
 */
public class DedicatedKafkaTestResource implements QuarkusTestResourceLifecycleManager {

    private static volatile EmbeddedKafka broker;

    public static EmbeddedKafka broker() {
        return broker;
    }

    @Override
    public Map<String, String> start() {
        broker = EmbeddedKafka.start();
        broker.createStartupTopics();
        return Map.of("kafka.bootstrap.servers", broker.bootstrapServers());
    }

    @Override
    public void stop() {
        EmbeddedKafka stopping = broker;
        broker = null;
        if (stopping != null) {
            stopping.close();
        }
    }
}
