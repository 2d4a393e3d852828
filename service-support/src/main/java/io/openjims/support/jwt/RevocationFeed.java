package io.openjims.support.jwt;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.openjims.support.kafka.KafkaClientSettings;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Reads the whole revocation topic into the {@link RevocationList} at start, then follows it: every replica of every
 * service that verifies tokens learns of a deleted or rotated client within a poll (well under a second). No consumer
 * group: each replica reads every partition from the beginning (a compacted topic of one small record per client).
 * Kafka settings: every {@code kafka.*} property, then {@code openjims.jwt.revocations.kafka.*}.
 */
@ApplicationScoped
public class RevocationFeed {

    private static final Logger LOG = Logger.getLogger(RevocationFeed.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final JwtVerifyConfig config;
    private final RevocationSource source;
    private final RevocationList list;
    private final Config rawConfig;
    private final Counter applied;
    private final Counter unreadable;
    private volatile boolean caughtUp;
    private volatile String problem = "not started";
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    public RevocationFeed(
            JwtVerifyConfig config,
            RevocationSource source,
            RevocationList list,
            Config rawConfig,
            MeterRegistry registry) {
        this.config = config;
        this.source = source;
        this.list = list;
        this.rawConfig = rawConfig;
        this.applied = Counter.builder("openjims.auth.revocations.applied")
                .description("Token revocations read from Kafka")
                .register(registry);
        this.unreadable = Counter.builder("openjims.auth.revocations.unreadable")
                .description("Records of the revocation topic that are not revocations (skipped)")
                .register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.revocations().enabled()) {
            caughtUp = true;
            problem = null;
            LOG.warn("Token revocations are not read (openjims.jwt.revocations.enabled=false)");
            return;
        }
        running = true;
        thread = new Thread(this::run, "jwt-revocations");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** True once every record present at start has been read (readiness waits for it). */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** Why the feed is not caught up, or null. */
    public String problem() {
        return problem;
    }

    public String topic() {
        return source.topic();
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(settings())) {
                consumer = c;
                follow(c);
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                problem = "reading " + source.topic() + " failed: " + e.getMessage();
                LOG.warnf("Token revocations: %s; retrying", problem);
            } finally {
                consumer = null;
            }
            sleepBackoff();
        }
    }

    private void follow(KafkaConsumer<String, byte[]> c) {
        List<TopicPartition> partitions = partitions(c);
        if (partitions.isEmpty()) {
            problem = "topic " + source.topic() + " not found (create it: see deploy/README.md)";
            LOG.warnf("Token revocations: %s", problem);
            return;
        }
        c.assign(partitions);
        c.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = c.endOffsets(partitions);
        while (running) {
            for (ConsumerRecord<String, byte[]> record : c.poll(POLL)) {
                apply(record);
            }
            if (!caughtUp && end.entrySet().stream().allMatch(e -> c.position(e.getKey()) >= e.getValue())) {
                caughtUp = true;
                problem = null;
                LOG.infof("Token revocations: %d clients revoked, following %s", list.size(), source.topic());
            }
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> c) {
        var infos = c.partitionsFor(source.topic());
        if (infos == null) {
            return List.of();
        }
        return infos.stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        Optional<Revocation> revocation;
        try {
            revocation = source.decode(record.key(), record.value());
        } catch (RuntimeException e) {
            revocation = Optional.empty();
        }
        if (revocation.isEmpty()) {
            unreadable.increment();
            LOG.warnf(
                    "Skipped a record of %s at partition %d offset %d: not a revocation",
                    record.topic(), record.partition(), record.offset());
            return;
        }
        list.apply(revocation.get());
        applied.increment();
    }

    private Map<String, Object> settings() {
        return KafkaClientSettings.consumer(
                rawConfig,
                "openjims.jwt.revocations.kafka.",
                Map.of(
                        ConsumerConfig.CLIENT_ID_CONFIG,
                        "jwt-revocations-" + UUID.randomUUID(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        "false",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG,
                        "false",
                        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                        StringDeserializer.class.getName(),
                        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                        ByteArrayDeserializer.class.getName()));
    }

    private void sleepBackoff() {
        long until = System.nanoTime() + config.revocations().retryBackoff().toNanos();
        while (running && System.nanoTime() < until) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
