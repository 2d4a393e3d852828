package io.openjims.collector.status.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;

@ApplicationScoped
public class CollectorSettingRepository implements PanacheRepositoryBase<CollectorSettingEntity, String> {

    public static final String DESCRIPTION = "description";

    public Uni<Optional<String>> value(String name) {
        return findById(name).map(entity -> Optional.ofNullable(entity).map(e -> e.value));
    }

    /** Inserts or replaces a setting; call inside a transaction. */
    public Uni<Void> put(String name, String value) {
        return findById(name)
                .onItem()
                .ifNull()
                .continueWith(() -> {
                    CollectorSettingEntity created = new CollectorSettingEntity();
                    created.name = name;
                    return created;
                })
                .flatMap(entity -> {
                    entity.value = value;
                    entity.updatedAt = Instant.now();
                    return persist(entity);
                })
                .replaceWithVoid();
    }
}
