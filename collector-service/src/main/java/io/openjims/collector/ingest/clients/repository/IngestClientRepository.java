package io.openjims.collector.ingest.clients.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class IngestClientRepository implements PanacheRepositoryBase<IngestClientEntity, String> {

    public Uni<IngestClientEntity> findByApiKeyPrefix(String prefix) {
        return find("apiKeyPrefix", prefix).firstResult();
    }

    public Uni<Boolean> nameTaken(String name) {
        return count("lower(name) = lower(?1)", name).map(count -> count > 0);
    }

    /** Replaces a client's stored secret hash when it is still {@code expected}; the number of rows changed. */
    public Uni<Integer> replaceSecretHash(String clientId, String expected, String replacement) {
        return update("secretHash = ?1 where clientId = ?2 and secretHash = ?3", replacement, clientId, expected);
    }

    public Uni<List<IngestClientEntity>> listByName() {
        return listAll(Sort.by("name"));
    }
}
