package io.openjims.support.jwt;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.openjims.support.kafka.CompactedTopicReader;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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

    private final JwtVerifyConfig config;
    private final RevocationSource source;
    private final RevocationList list;
    private final Counter applied;
    private final Counter unreadable;
    private final CompactedTopicReader reader;
    private volatile boolean disabled;

    public RevocationFeed(
            JwtVerifyConfig config,
            RevocationSource source,
            RevocationList list,
            Config rawConfig,
            MeterRegistry registry) {
        this.config = config;
        this.source = source;
        this.list = list;
        this.applied = Counter.builder("openjims.auth.revocations.applied")
                .description("Token revocations read from Kafka")
                .register(registry);
        this.unreadable = Counter.builder("openjims.auth.revocations.unreadable")
                .description("Records of the revocation topic that are not revocations (skipped)")
                .register(registry);
        this.reader = new CompactedTopicReader(
                rawConfig,
                "openjims.jwt.revocations.kafka.",
                source.topic(),
                config.revocations().retryBackoff(),
                this::apply);
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.revocations().enabled()) {
            disabled = true;
            LOG.warn("Token revocations are not read (openjims.jwt.revocations.enabled=false)");
            return;
        }
        reader.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        reader.stop();
    }

    /** True once every record present at start has been read (readiness waits for it). */
    public boolean caughtUp() {
        return disabled || reader.caughtUp();
    }

    /** Why the feed is not caught up, or null. */
    public String problem() {
        return disabled ? null : reader.problem();
    }

    public String topic() {
        return source.topic();
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
}
