package io.openjims.support.transfer;

import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Replaces a stored list with imported items, matched by a key: a stored item with the key of an imported one is
 * changed in place (its id and history kept), an imported item without one is created, stored items the document
 * does not hold are removed. Removals are flushed before creations, so a freed unique name or address can be taken.
 * Runs in the caller's transaction.
 */
public final class SectionReplace {

    private SectionReplace() {}

    /** The store of one section's rows (a repository in the caller's session). */
    public interface Store<E> {
        Uni<List<E>> all();

        Uni<Void> delete(E row);

        Uni<Void> persist(E row);

        Uni<Void> flush();
    }

    /**
     * @param create a new row for an imported item (its id and creation time set)
     * @param update copies an imported item onto a row, new or stored; {@code true} when the row was stored before
     */
    public static <I, E> Uni<ConfigSection.SectionChange> replace(
            Store<E> store,
            Function<E, String> storedKey,
            List<I> imported,
            Function<I, String> importedKey,
            Function<I, E> create,
            Update<I, E> update) {
        return store.all().flatMap(existing -> {
            Map<String, E> byKey = new HashMap<>();
            existing.forEach(e -> byKey.put(storedKey.apply(e), e));
            List<E> added = new ArrayList<>();
            int replaced = 0;
            for (I item : imported) {
                E row = byKey.remove(importedKey.apply(item));
                boolean stored = row != null;
                if (stored) {
                    replaced++;
                } else {
                    row = create.apply(item);
                    added.add(row);
                }
                update.apply(item, row, stored);
            }
            List<E> removed = List.copyOf(byKey.values());
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (E gone : removed) {
                chain = chain.flatMap(x -> store.delete(gone));
            }
            chain = chain.flatMap(x -> store.flush());
            for (E row : added) {
                chain = chain.flatMap(x -> store.persist(row));
            }
            ConfigSection.SectionChange change =
                    new ConfigSection.SectionChange(added.size(), replaced, removed.size());
            return chain.flatMap(x -> store.flush()).map(x -> change);
        });
    }

    /** Copies an imported item onto a row. */
    @FunctionalInterface
    public interface Update<I, E> {
        void apply(I item, E row, boolean stored);
    }

    /** An update that does not care whether the row is new. */
    public static <I, E> Update<I, E> always(BiConsumer<I, E> update) {
        return (item, row, stored) -> update.accept(item, row);
    }
}
