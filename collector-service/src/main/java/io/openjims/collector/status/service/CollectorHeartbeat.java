package io.openjims.collector.status.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.openjims.collector.config.Channels;
import io.openjims.collector.config.CollectorConfig;
import io.openjims.collector.directory.repository.DirectorySourceEntity;
import io.openjims.collector.directory.repository.DirectorySourceRepository;
import io.openjims.collector.status.repository.CollectorSettingRepository;
import io.openjims.model.CollectorState;
import io.openjims.model.CollectorStatus;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Context;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Publishes this collector's {@link CollectorStatus} (id, version, state, description, counters, and the domains of
 * its directories, which decide the Secure Edge tenants that see it) to the collectors topic; {@link HeartbeatSchedule}
 * decides when.
 */
@ApplicationScoped
public class CollectorHeartbeat {

    private static final Logger LOG = Logger.getLogger(CollectorHeartbeat.class);

    private final CollectorIdentity identity;
    private final CollectorConfig config;
    private final CollectorSettingRepository settings;
    private final DirectorySourceRepository directories;
    private final SourceHealth health;
    private final CollectorCounters counters;
    private final MutinyEmitter<CollectorStatus> emitter;
    private final AtomicReference<CollectorStatus> lastPublished = new AtomicReference<>();
    private volatile String lastDescription;
    private volatile List<String> lastDomains = List.of();

    public CollectorHeartbeat(
            CollectorIdentity identity,
            CollectorConfig config,
            CollectorSettingRepository settings,
            DirectorySourceRepository directories,
            SourceHealth health,
            CollectorCounters counters,
            @Channel(Channels.COLLECTORS_OUT) MutinyEmitter<CollectorStatus> emitter,
            MeterRegistry registry) {
        this.identity = identity;
        this.config = config;
        this.settings = settings;
        this.directories = directories;
        this.health = health;
        this.counters = counters;
        this.emitter = emitter;
        registry.gauge("openjims.collector.heartbeat.last", lastPublished, ref -> {
            CollectorStatus status = ref.get();
            return status == null ? 0 : status.lastUpdate().getEpochSecond();
        });
    }

    /** Publishes the current status in the background (its own Vert.x context); failures are logged. */
    public void publishSoon() {
        if (Context.isOnEventLoopThread()) {
            publishQuietly().subscribe().with(ignored -> {});
        } else {
            VertxContextSupport.subscribe(() -> publishQuietly().toMulti(), subscribe -> subscribe.with(ignored -> {}));
        }
    }

    /** Builds the current status and publishes it; completes when Kafka acknowledged it. */
    @WithSession
    public Uni<CollectorStatus> publish() {
        return settings.value(CollectorSettingRepository.DESCRIPTION)
                .onFailure()
                .recoverWithItem(() -> Optional.ofNullable(lastDescription))
                .flatMap(description -> directories
                        .allByName()
                        .map(CollectorHeartbeat::domains)
                        .onFailure()
                        .recoverWithItem(() -> lastDomains)
                        .map(domains -> {
                            lastDomains = domains;
                            return description;
                        }))
                .flatMap(description -> {
                    description.ifPresent(value -> lastDescription = value);
                    return send(current(description.orElse(config.description())));
                });
    }

    /** The status as of now with the given description (not published). */
    public CollectorStatus current(String description) {
        return status(health.state(), description);
    }

    /**
     * Publishes a last heartbeat with state {@code stopped} (on a clean shutdown), without reading PostgreSQL: the
     * description and domains are those of the last heartbeat. Completes when Kafka acknowledged it.
     */
    public Uni<CollectorStatus> publishStopped() {
        String description = lastDescription == null ? config.description() : lastDescription;
        return send(status(CollectorState.STOPPED, description));
    }

    private CollectorStatus status(CollectorState state, String description) {
        return new CollectorStatus(
                UUID.randomUUID().toString(),
                CollectorStatus.SCHEMA_VERSION,
                identity.id(),
                identity.version(),
                state,
                description,
                Instant.now(),
                counters.snapshot(),
                lastDomains,
                config.heartbeatInterval().toSeconds());
    }

    private Uni<CollectorStatus> send(CollectorStatus status) {
        Message<CollectorStatus> message = Message.of(status)
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(status.key())
                        .build());
        return emitter.sendMessage(message)
                .invoke(() -> lastPublished.set(status))
                .replaceWith(status);
    }

    /** The DNS domains of the configured directories, lower case, sorted, each once. */
    static List<String> domains(List<DirectorySourceEntity> sources) {
        return sources.stream()
                .map(source -> source.domain)
                .filter(domain -> domain != null && !domain.isBlank())
                .map(domain -> domain.toLowerCase(Locale.ROOT))
                .distinct()
                .sorted()
                .toList();
    }

    public CollectorStatus lastPublished() {
        return lastPublished.get();
    }

    /** Publishes the current status; a failure is logged, not propagated. */
    public Uni<Void> publishQuietly() {
        return publish()
                .onFailure()
                .invoke(failure -> LOG.warnf("Heartbeat not published: %s", failure.getMessage()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }
}
