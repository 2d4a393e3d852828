package io.openjims.query.collector.service;

import io.openjims.model.CollectorStatus;
import io.openjims.query.collector.repository.CollectorRepository;
import io.openjims.query.config.Channels;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps the latest heartbeat of every collector. */
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
