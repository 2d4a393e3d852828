package io.openjims.model.kafka;

import org.apache.kafka.common.serialization.Serializer;

/** Kafka serializer for any identity-model record; null stays null (a tombstone on compacted topics). */
public class JsonSerializer<T> implements Serializer<T> {

    @Override
    public byte[] serialize(String topic, T data) {
        return data == null ? null : JsonCodec.toBytes(data);
    }
}
