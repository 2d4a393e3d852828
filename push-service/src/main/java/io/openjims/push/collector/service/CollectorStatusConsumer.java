package io.openjims.push.collector.service;

import io.openjims.model.CollectorStatus;
import io.openjims.push.collector.repository.CollectorRepository;
import io.openjims.push.config.Channels;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps the latest heartbeat of every collector, for the collector list sent to Secure Edge tenants. */
@ApplicationScoped
public class CollectorStatusConsumer {

    private final CollectorRepository repository;

    public CollectorStatusConsumer(CollectorRepository repository) {
        this.repository = repository;
    }

    @Incoming(Channels.COLLECTORS_IN)
    public Uni<Void> onStatus(CollectorStatus status) {
        if (status == null || status.collectorId() == null || status.lastUpdate() == null) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> repository.upsert(status));
    }
}
