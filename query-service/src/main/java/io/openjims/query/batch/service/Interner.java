package io.openjims.query.batch.service;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Shares equal values (domains, role lists, postures, devices) between index entries. Bounded: when it holds
 * {@code max} values it forgets them all, which costs only sharing, never correctness. Not thread-safe.
 */
final class Interner {

    private final int max;
    private final Map<Object, Object> values = new HashMap<>();

    Interner(int max) {
        this.max = max;
    }

    @SuppressWarnings("unchecked")
    <T> T intern(T value) {
        if (value == null) {
            return null;
        }
        Object known = values.get(value);
        if (known != null) {
            return (T) known;
        }
        if (values.size() >= max) {
            values.clear();
        }
        values.put(value, value);
        return value;
    }

    /** The value made from {@code key}, made once per key while remembered. */
    @SuppressWarnings("unchecked")
    <K, V> V derive(K key, Function<K, V> make) {
        if (key == null) {
            return null;
        }
        Object tagged = new Derived(key);
        Object known = values.get(tagged);
        if (known != null) {
            return (V) known;
        }
        V v = make.apply(key);
        if (values.size() >= max) {
            values.clear();
        }
        values.put(tagged, v);
        return v;
    }

    void clear() {
        values.clear();
    }

    private record Derived(Object key) {}
}
