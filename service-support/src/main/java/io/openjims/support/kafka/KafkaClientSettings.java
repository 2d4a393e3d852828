package io.openjims.support.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.eclipse.microprofile.config.Config;

/**
 * Settings of a plain Kafka client: every {@code kafka.*} property (bootstrap servers, security, ...), then the
 * properties under the caller's prefix on top, then the caller's fixed overrides. Only names Kafka knows are kept.
 */
public final class KafkaClientSettings {

    private static final String GLOBAL_PREFIX = "kafka.";

    private KafkaClientSettings() {}

    /** {@code kafka.*} overridden by {@code prefix*} (null: none), as raw strings; not yet filtered by client kind. */
    public static Map<String, Object> from(Config config, String prefix) {
        Map<String, Object> global = new HashMap<>();
        Map<String, Object> specific = new HashMap<>();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(GLOBAL_PREFIX)) {
                config.getOptionalValue(name, String.class)
                        .ifPresent(value -> global.put(name.substring(GLOBAL_PREFIX.length()), value));
            } else if (prefix != null && name.startsWith(prefix)) {
                config.getOptionalValue(name, String.class)
                        .ifPresent(value -> specific.put(name.substring(prefix.length()), value));
            }
        }
        global.putAll(specific);
        return global;
    }

    /** Producer settings: {@code kafka.*}, then {@code prefix*}, then {@code overrides}. */
    public static Map<String, Object> producer(Config config, String prefix, Map<String, Object> overrides) {
        return only(from(config, prefix), ProducerConfig.configNames(), overrides);
    }

    /** Consumer settings: {@code kafka.*}, then {@code prefix*}, then {@code overrides}. */
    public static Map<String, Object> consumer(Config config, String prefix, Map<String, Object> overrides) {
        return only(from(config, prefix), ConsumerConfig.configNames(), overrides);
    }

    /** The given settings, restricted to what an admin client knows. */
    public static Map<String, Object> adminOnly(Map<String, Object> settings) {
        return only(settings, AdminClientConfig.configNames(), Map.of());
    }

    /** The settings Kafka's {@code known} names hold, then {@code overrides} (always kept). */
    public static Map<String, Object> only(
            Map<String, Object> settings, Set<String> known, Map<String, Object> overrides) {
        Map<String, Object> out = new HashMap<>();
        settings.forEach((name, value) -> {
            if (known.contains(name)) {
                out.put(name, value);
            }
        });
        out.putAll(overrides);
        return out;
    }
}
