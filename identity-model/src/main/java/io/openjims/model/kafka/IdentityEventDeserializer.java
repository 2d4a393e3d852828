package io.openjims.model.kafka;

import io.openjims.model.IdentityEvent;

/** Deserializer for {@link IdentityEvent} values, usable as a Quarkus Kafka channel's {@code value.deserializer}. */
public class IdentityEventDeserializer extends JsonDeserializer<IdentityEvent> {

    public IdentityEventDeserializer() {
        super(IdentityEvent.class);
    }
}
