package io.openjims.query.transfer.service;

import io.openjims.support.transfer.ConfigSection;
import io.openjims.support.transfer.ConfigTransferBackend;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.function.Supplier;

/** query-service's configuration sections for {@code /api/admin/config}: {@code api_clients}, {@code settings}. */
@ApplicationScoped
public class QueryConfigBackend implements ConfigTransferBackend {

    private final List<ConfigSection> sections;

    public QueryConfigBackend(ApiClientsSection clients, SettingsSection settings) {
        this.sections = List.of(clients, settings);
    }

    @Override
    public String service() {
        return "query";
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
