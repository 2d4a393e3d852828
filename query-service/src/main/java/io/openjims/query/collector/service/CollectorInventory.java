package io.openjims.query.collector.service;

import io.openjims.model.CollectorState;
import io.openjims.model.CollectorStatus;
import io.openjims.model.kafka.CollectorStatusDeserializer;
import io.openjims.query.config.QueryConfig;
import io.openjims.support.kafka.CompactedTopicReader;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.Config;

/**
 * Every collector's last heartbeat, read from the compacted collectors topic by each replica (no database: the topic
 * holds one small record per collector). A tombstone removes a collector.
 */
@ApplicationScoped
public class CollectorInventory {

    private static final Duration RETRY = Duration.ofSeconds(2);

    private final QueryConfig.Collectors settings;
    private final CompactedTopicReader reader;
    private final CollectorStatusDeserializer deserializer = new CollectorStatusDeserializer();
    private final Map<String, CollectorStatus> collectors = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    public CollectorInventory(QueryConfig config, Config rawConfig) {
        this.settings = config.collectors();
        this.reader = new CompactedTopicReader(rawConfig, config.topics().collectors(), RETRY, this::apply);
    }

    void onStart(@Observes StartupEvent event) {
        reader.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        reader.stop();
    }

    /** True once the topic was read up to where it ended at start. */
    public boolean caughtUp() {
        return reader.caughtUp();
    }

    /** The collectors by id; stopped ones longer ago than {@code forget-stopped-after} left out. */
    public List<CollectorView> list() {
        Instant now = clock.instant();
        return collectors.values().stream()
                .filter(status -> !forgotten(status, now))
                .sorted(Comparator.comparing(CollectorStatus::collectorId))
                .map(status -> view(status, now))
                .toList();
    }

    private boolean forgotten(CollectorStatus status, Instant now) {
        return status.state() == CollectorState.STOPPED
                && status.lastUpdate() != null
                && status.lastUpdate().plus(settings.forgetStoppedAfter()).isBefore(now);
    }

    CollectorView view(CollectorStatus status, Instant now) {
        long interval = status.heartbeatIntervalSeconds() != null && status.heartbeatIntervalSeconds() > 0
                ? status.heartbeatIntervalSeconds()
                : settings.heartbeatInterval().toSeconds();
        boolean stale = status.state() != CollectorState.STOPPED
                && (status.lastUpdate() == null
                        || status.lastUpdate()
                                .plusSeconds(interval * settings.staleAfterMissedHeartbeats())
                                .isBefore(now));
        return new CollectorView(
                status.collectorId(),
                status.version(),
                status.state() == null ? null : status.state().wireName(),
                status.description(),
                status.lastUpdate(),
                interval,
                stale,
                status.domains() == null ? List.of() : status.domains());
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            collectors.remove(record.key());
            return;
        }
        CollectorStatus status = deserializer.deserialize(record.topic(), record.value());
        if (status == null || status.collectorId() == null) {
            return;
        }
        collectors.merge(record.key(), status, CollectorInventory::newer);
    }

    /** Keeps the newer heartbeat: a record replayed out of order never replaces a later one. */
    private static CollectorStatus newer(CollectorStatus known, CollectorStatus incoming) {
        if (known.lastUpdate() == null || incoming.lastUpdate() == null) {
            return incoming;
        }
        return incoming.lastUpdate().isBefore(known.lastUpdate()) ? known : incoming;
    }
}
