package io.openjims.support.kafka;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the Kafka cluster answers within three seconds, so a probe never hangs on a dead broker. */
@Readiness
@ApplicationScoped
public class KafkaReadinessCheck implements HealthCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final KafkaProbe probe;

    public KafkaReadinessCheck(Config config) {
        this.probe = new KafkaProbe(KafkaClientSettings.from(config, null), "readiness-check", TIMEOUT);
    }

    @Override
    public HealthCheckResponse call() {
        KafkaProbe.Result result = probe.probe();
        if (result.up()) {
            return HealthCheckResponse.named("kafka")
                    .up()
                    .withData("nodes", result.nodes())
                    .build();
        }
        return HealthCheckResponse.named("kafka")
                .down()
                .withData("error", "Kafka " + result.error())
                .build();
    }

    @PreDestroy
    void close() {
        probe.close();
    }
}
