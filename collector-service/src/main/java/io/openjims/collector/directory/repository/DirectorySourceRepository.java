package io.openjims.collector.directory.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class DirectorySourceRepository implements PanacheRepositoryBase<DirectorySourceEntity, UUID> {

    public Uni<List<DirectorySourceEntity>> allByName() {
        return list("order by name");
    }

    public Uni<Boolean> nameTaken(String name, UUID except) {
        return except == null
                ? count("lower(name) = lower(?1)", name).map(n -> n > 0)
                : count("lower(name) = lower(?1) and id <> ?2", name, except).map(n -> n > 0);
    }
}
