package io.openjims.collector.events.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How this collector watches its Kafka cluster ({@code openjims.collector.kafka.*}). */
@ConfigMapping(prefix = "openjims.collector.kafka")
public interface KafkaDeliveryConfig {

    /** How often the cluster is probed; a failed probe marks source {@code kafka} failing (state degraded). */
    @WithDefault("5s")
    Duration checkInterval();

    /** How long one probe may take before the cluster counts as unreachable. */
    @WithDefault("3s")
    Duration checkTimeout();
}
