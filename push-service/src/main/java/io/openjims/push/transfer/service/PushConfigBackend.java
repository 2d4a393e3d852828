package io.openjims.push.transfer.service;

import io.openjims.support.transfer.ConfigSection;
import io.openjims.support.transfer.ConfigTransferBackend;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.function.Supplier;

/** push-service's configuration sections for {@code /api/admin/config}: {@code tenants}. */
@ApplicationScoped
public class PushConfigBackend implements ConfigTransferBackend {

    private final List<ConfigSection> sections;

    public PushConfigBackend(TenantsSection tenants) {
        this.sections = List.of(tenants);
    }

    @Override
    public String service() {
        return "push";
    }

    @Override
    public List<ConfigSection> sections() {
        return sections;
    }

    @Override
    public <T> Uni<T> inSession(Supplier<Uni<T>> work) {
        return Panache.withSession(work);
    }

    @Override
    public <T> Uni<T> inTransaction(Supplier<Uni<T>> work) {
        return Panache.withTransaction(work);
    }
}
