package io.openjims.query.view.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.openjims.query.view.config.ViewConfig;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

/** The view consumers' group membership: static with a replica id (fast return after a kill -9), else dynamic. */
class ViewConsumerSettingsTest {

    private static final Map<String, Object> KAFKA =
            Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092", "not.a.kafka.setting", "x");

    @Test
    void aReplicaWithAnIdIsAStaticMemberPerConsumer() {
        ViewConfig config = config(Optional.of("query-0"));

        Map<String, Object> events1 = ViewConsumers.consumerSettings(KAFKA, config, ViewConsumers.EVENTS, 1);
        Map<String, Object> directory = ViewConsumers.consumerSettings(KAFKA, config, ViewConsumers.DIRECTORY, 0);

        assertThat(events1)
                .containsEntry(ConsumerConfig.GROUP_ID_CONFIG, "openjims-query-events")
                .containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "query-0-events-1")
                .containsEntry(ConsumerConfig.CLIENT_ID_CONFIG, "query-view-query-0-events-1")
                .containsEntry(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 20_000)
                .containsEntry(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092")
                .doesNotContainKey("not.a.kafka.setting");
        assertThat(directory).containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "query-0-directory-0");
    }

    @Test
    void withoutAnIdOrForAnExtraConsumerMembershipIsDynamic() {
        Map<String, Object> noId =
                ViewConsumers.consumerSettings(KAFKA, config(Optional.empty()), ViewConsumers.EVENTS, 0);
        Map<String, Object> extra =
                ViewConsumers.consumerSettings(KAFKA, config(Optional.of("query-0")), ViewConsumers.EVENTS, -1);

        assertThat(noId).doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        assertThat(extra).doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        assertThat((String) noId.get(ConsumerConfig.CLIENT_ID_CONFIG)).startsWith("query-view-events-");
        assertThat(noId.get(ConsumerConfig.CLIENT_ID_CONFIG)).isNotEqualTo(extra.get(ConsumerConfig.CLIENT_ID_CONFIG));
    }

    private static ViewConfig config(Optional<String> instanceId) {
        return (ViewConfig) Proxy.newProxyInstance(
                ViewConfig.class.getClassLoader(),
                new Class<?>[] {ViewConfig.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "groupId" -> "openjims-query";
                    case "instanceId" -> instanceId;
                    case "consumerSessionTimeout" -> Duration.ofSeconds(20);
                    case "maxPollRecords" -> 5000;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
