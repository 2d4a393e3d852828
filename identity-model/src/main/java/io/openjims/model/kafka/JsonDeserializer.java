package io.openjims.model.kafka;

import java.io.UncheckedIOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer for one identity-model type. A null or empty value (a tombstone) becomes null; bytes that are
 * not the type's JSON raise {@link SerializationException}, which the consumer's failure handler counts.
 */
public class JsonDeserializer<T> implements Deserializer<T> {

    private final Class<T> type;

    protected JsonDeserializer(Class<T> type) {
        this.type = type;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null || data.length == 0) {
            return null;
        }
        try {
            return JsonCodec.fromBytes(data, type);
        } catch (UncheckedIOException e) {
            throw new SerializationException(
                    "Value on " + topic + " is not a valid " + type.getSimpleName() + ": "
                            + e.getCause().getMessage(),
                    e.getCause());
        }
    }
}
