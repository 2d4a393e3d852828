package io.openjims.push.delivery.service;

import io.openjims.push.delivery.model.PushItem;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The record being processed, looked up in the shared {@link RecordCache} only when the tenant needs its value (most
 * records of other domains are passed over by a byte search alone). One instance per worker, reused.
 */
final class SharedRecord implements DeliveredState.Decoder {

    private final RecordCache records;
    private TopicPartition tp;
    private ConsumerRecord<String, byte[]> record;
    private RecordCache.Entry entry;

    SharedRecord(RecordCache records) {
        this.records = records;
    }

    SharedRecord of(TopicPartition tp, ConsumerRecord<String, byte[]> record) {
        this.tp = tp;
        this.record = record;
        this.entry = null;
        return this;
    }

    private RecordCache.Entry entry() {
        if (entry == null) {
            entry = records.entry(tp.topic(), tp.partition(), record.offset(), record.value());
        }
        return entry;
    }

    @Override
    public <T> T decode(byte[] value, Class<T> type) {
        // entry() already compared the record's bytes with the cached ones.
        return value == record.value() ? entry().decodeValue(type) : entry().decode(value, type);
    }

    @Override
    public PushItem item(Supplier<PushItem> make) {
        return entry().item(make);
    }

    byte[] json(PushItem item) {
        return entry == null ? RecordCache.encode(item) : entry.json(item);
    }
}
