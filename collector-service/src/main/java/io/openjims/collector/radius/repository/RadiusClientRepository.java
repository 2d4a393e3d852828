package io.openjims.collector.radius.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class RadiusClientRepository implements PanacheRepositoryBase<RadiusClientEntity, String> {

    public Uni<List<RadiusClientEntity>> listByName() {
        return listAll(Sort.by("name"));
    }

    /** Whether another client (not {@code exceptId}, which may be null) has this name, case-insensitively. */
    public Uni<Boolean> nameTaken(String name, String exceptId) {
        return exceptId == null
                ? count("lower(name) = lower(?1)", name).map(n -> n > 0)
                : count("lower(name) = lower(?1) and id <> ?2", name, exceptId).map(n -> n > 0);
    }

    /** Whether another client (not {@code exceptId}, which may be null) has this address. */
    public Uni<Boolean> addressTaken(String address, String exceptId) {
        return exceptId == null
                ? count("address = ?1", address).map(n -> n > 0)
                : count("address = ?1 and id <> ?2", address, exceptId).map(n -> n > 0);
    }
}
