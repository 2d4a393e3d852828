package io.openjims.collector.transfer.service;

import io.openjims.support.transfer.SectionReplace;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.function.Supplier;

/** A Panache repository as the store of {@link SectionReplace}, in the import's session. */
final class Rows {

    private Rows() {}

    static <E> SectionReplace.Store<E> of(PanacheRepositoryBase<E, ?> repository, Supplier<Uni<List<E>>> all) {
        return new SectionReplace.Store<>() {
            @Override
            public Uni<List<E>> all() {
                return all.get();
            }

            @Override
            public Uni<Void> delete(E row) {
                return repository.delete(row);
            }

            @Override
            public Uni<Void> persist(E row) {
                return repository.persist(row).replaceWithVoid();
            }

            @Override
            public Uni<Void> flush() {
                return repository.flush();
            }
        };
    }
}
