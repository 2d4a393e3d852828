package io.openjims.push.collector.repository;

import io.openjims.model.CollectorStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class CollectorRepository implements PanacheRepositoryBase<CollectorEntity, String> {

    /** Stores a heartbeat unless a newer one of the same collector is already stored; call in a transaction. */
    public Uni<Void> upsert(CollectorStatus status) {
        return Panache.getSession()
                .flatMap(session -> session.createNativeQuery("""
                                INSERT INTO push.collector (collector_id, version, state, description, last_update)
                                VALUES (:id, :version, :state, :description, :lastUpdate)
                                ON CONFLICT (collector_id) DO UPDATE SET
                                    version = EXCLUDED.version, state = EXCLUDED.state,
                                    description = EXCLUDED.description, last_update = EXCLUDED.last_update
                                WHERE push.collector.last_update <= EXCLUDED.last_update
                                """)
                        .setParameter("id", status.collectorId())
                        .setParameter("version", status.version())
                        .setParameter("state", status.state().wireName())
                        .setParameter("description", status.description())
                        .setParameter("lastUpdate", status.lastUpdate())
                        .executeUpdate())
                .replaceWithVoid();
    }
}
