package io.openjims.support.transfer;

import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a service gives the shared {@code /api/admin/config} resource: its name, its sections, and how it runs work in
 * a database session and in one transaction (Hibernate Reactive in every service today).
 */
public interface ConfigTransferBackend {

    /** {@code collector}, {@code query} or {@code push}: the document's {@code service}. */
    String service();

    /** The sections, in export order. */
    List<ConfigSection> sections();

    <T> Uni<T> inSession(Supplier<Uni<T>> work);

    <T> Uni<T> inTransaction(Supplier<Uni<T>> work);
}
