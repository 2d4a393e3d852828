package io.openjims.support.transfer;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a service gives the shared {@code /api/admin/config} resource: its name, its sections, and how it runs work in
 * a database session and in one transaction (by default Hibernate Reactive Panache, which every service uses).
 */
public interface ConfigTransferBackend {

    /** {@code collector}, {@code query} or {@code push}: the document's {@code service}. */
    String service();

    /** The sections, in export order. */
    List<ConfigSection> sections();

    default <T> Uni<T> inSession(Supplier<Uni<T>> work) {
        return Panache.withSession(work);
    }

    default <T> Uni<T> inTransaction(Supplier<Uni<T>> work) {
        return Panache.withTransaction(work);
    }
}
