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

    public Uni<List<IngestClientEntity>> listByName() {
        return listAll(Sort.by("name"));
    }
}
