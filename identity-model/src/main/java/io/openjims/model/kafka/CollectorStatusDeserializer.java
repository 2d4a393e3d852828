package io.openjims.model.kafka;

import io.openjims.model.CollectorStatus;

/** Deserializer for {@link CollectorStatus} values, usable as a Quarkus Kafka channel's {@code value.deserializer}. */
public class CollectorStatusDeserializer extends JsonDeserializer<CollectorStatus> {

    public CollectorStatusDeserializer() {
        super(CollectorStatus.class);
    }
}
