package io.openjims.collector.status.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.openjims.collector.config.Channels;
import io.openjims.collector.config.CollectorConfig;
import io.openjims.collector.status.repository.CollectorSettingRepository;
import io.openjims.model.CollectorStatus;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/** Publishes this collector's {@link CollectorStatus} to the collectors topic on a schedule. */
@ApplicationScoped
public class CollectorHeartbeat {

    private static final Logger LOG = Logger.getLogger(CollectorHeartbeat.class);

    private final CollectorIdentity identity;
    private final CollectorConfig config;
    private final CollectorSettingRepository settings;
    private final SourceHealth health;
    private final MutinyEmitter<CollectorStatus> emitter;
    private final AtomicReference<CollectorStatus> lastPublished = new AtomicReference<>();

    public CollectorHeartbeat(
            CollectorIdentity identity,
            CollectorConfig config,
            CollectorSettingRepository settings,
            SourceHealth health,
            @Channel(Channels.COLLECTORS_OUT) MutinyEmitter<CollectorStatus> emitter,
            MeterRegistry registry) {
        this.identity = identity;
        this.config = config;
        this.settings = settings;
        this.health = health;
        this.emitter = emitter;
        registry.gauge("openjims.collector.heartbeat.last", lastPublished, ref -> {
            CollectorStatus status = ref.get();
            return status == null ? 0 : status.lastUpdate().getEpochSecond();
        });
    }

    @Scheduled(every = "${openjims.collector.heartbeat-interval:30s}", delayed = "1s")
    Uni<Void> onSchedule() {
        return publish()
                .onFailure()
                .invoke(failure -> LOG.warnf("Heartbeat not published: %s", failure.getMessage()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    /** Builds the current status and publishes it; completes when Kafka acknowledged it. */
    @WithSession
    public Uni<CollectorStatus> publish() {
        return settings.value(CollectorSettingRepository.DESCRIPTION).flatMap(description -> {
            CollectorStatus status = new CollectorStatus(
                    UUID.randomUUID().toString(),
                    CollectorStatus.SCHEMA_VERSION,
                    identity.id(),
                    identity.version(),
                    health.state(),
                    description.orElse(config.description()),
                    Instant.now(),
                    Map.of());
            Message<CollectorStatus> message = Message.of(status)
                    .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                            .withKey(status.key())
                            .build());
            return emitter.sendMessage(message)
                    .invoke(() -> lastPublished.set(status))
                    .replaceWith(status);
        });
    }

    public CollectorStatus lastPublished() {
        return lastPublished.get();
    }
}
