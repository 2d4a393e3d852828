package io.openjims.push.delivery.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.openjims.model.kafka.JsonCodec;
import io.openjims.push.delivery.model.PushItem;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Source records decoded once for all tenant workers of this instance: the value is parsed on first use and the item
 * it gives is made and serialised once, however many tenants receive it. Positions stay per tenant (every worker still reads
 * its own records); only the work per record is shared. Bounded: the oldest entries are dropped first, and an entry
 * is used only when the record's bytes are the same (a topic deleted and created again cannot mislead it).
 */
public final class RecordCache {

    /** No sharing: every lookup decodes and encodes afresh (unit tests, or a capacity of 0). */
    public static final RecordCache NONE = new RecordCache(0);

    private static final ObjectMapper JSON = JsonCodec.configure(new ObjectMapper());
    private static final Object NULL = new Object();

    /** Hand-written equals and hashCode: a record's generated ones were a hot spot in profiles. */
    private static final class Key {
        private final String topic;
        private final int partition;
        private final long offset;

        Key(String topic, int partition, long offset) {
            this.topic = topic;
            this.partition = partition;
            this.offset = offset;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.offset == offset && k.partition == partition && k.topic.equals(topic);
        }

        @Override
        public int hashCode() {
            // Mixed, so that neighbouring offsets of different partitions do not share buckets.
            long h = (offset * 0x9E3779B97F4A7C15L) ^ ((long) partition << 40) ^ topic.hashCode();
            h ^= h >>> 29;
            return (int) (h ^ (h >>> 32));
        }
    }

    private record Malformed(String message) {}

    private final int capacity;
    private final ConcurrentHashMap<Key, Entry> entries;
    private final ConcurrentLinkedQueue<Key> order = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();

    public RecordCache(int capacity) {
        this.capacity = capacity;
        this.entries = new ConcurrentHashMap<>(Math.max(16, capacity * 2));
    }

    /** The shared entry of a record, or a private one when the record is not cached. */
    public Entry entry(String topic, int partition, long offset, byte[] value) {
        if (capacity <= 0 || value == null) {
            return new Entry(value);
        }
        Key key = new Key(topic, partition, offset);
        Entry found = entries.get(key);
        if (found != null && (found.value == value || Arrays.equals(found.value, value))) {
            return found;
        }
        Entry fresh = new Entry(value);
        if (entries.put(key, fresh) == null) {
            order.add(key);
            if (size.incrementAndGet() > capacity) {
                Key oldest = order.poll();
                if (oldest != null && entries.remove(oldest) != null) {
                    size.decrementAndGet();
                }
            }
        }
        return fresh;
    }

    /** Serialises one item as it appears in a pushed batch. */
    public static byte[] encode(PushItem item) {
        try {
            return JSON.writeValueAsBytes(item);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot write item JSON", e);
        }
    }

    /** One record: its value decoded at most once, and the item it gives in full made and written once. */
    public static final class Entry implements DeliveredState.Decoder {
        private final byte[] value;
        private volatile Object decoded;
        private volatile PushItem item;
        private volatile byte[] itemJson;

        private Entry(byte[] value) {
            this.value = value;
        }

        @Override
        public <T> T decode(byte[] bytes, Class<T> type) {
            if (bytes != value && !Arrays.equals(bytes, value)) {
                return JsonCodec.fromBytes(bytes, type);
            }
            return decodeValue(type);
        }

        /** The entry's own value decoded, for a caller that already knows its bytes are this entry's. */
        public <T> T decodeValue(Class<T> type) {
            Object d = decoded;
            if (d == null) {
                try {
                    Object parsed = JsonCodec.fromBytes(value, type);
                    d = parsed == null ? NULL : parsed;
                } catch (RuntimeException e) {
                    d = new Malformed(String.valueOf(e.getMessage()));
                }
                decoded = d;
            }
            if (d instanceof Malformed m) {
                throw new IllegalArgumentException(m.message());
            }
            if (d == NULL) {
                return null;
            }
            if (!type.isInstance(d)) {
                return JsonCodec.fromBytes(value, type);
            }
            return type.cast(d);
        }

        @Override
        public PushItem item(Supplier<PushItem> make) {
            PushItem made = item;
            if (made == null) {
                made = make.get();
                item = made;
            }
            return made;
        }

        /** The JSON of {@code item}: written once for the item this record gives in full, afresh for others. */
        public byte[] json(PushItem item) {
            if (item != this.item) {
                return encode(item);
            }
            byte[] json = itemJson;
            if (json == null) {
                json = encode(item);
                itemJson = json;
            }
            return json;
        }
    }
}
