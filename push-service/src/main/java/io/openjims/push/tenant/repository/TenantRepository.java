package io.openjims.push.tenant.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class TenantRepository implements PanacheRepositoryBase<TenantEntity, UUID> {

    public Uni<List<TenantEntity>> listByName() {
        return listAll(Sort.by("name"));
    }

    public Uni<Boolean> nameTaken(String name, UUID except) {
        return count("name = ?1 and id <> ?2", name, except == null ? new UUID(0, 0) : except)
                .map(n -> n > 0);
    }

    public Uni<Boolean> usernameTaken(String username) {
        return count("username", username).map(n -> n > 0);
    }

    /** True when another tenant than {@code except} has this username. */
    public Uni<Boolean> usernameTaken(String username, UUID except) {
        return count("username = ?1 and id <> ?2", username, except).map(n -> n > 0);
    }
}
