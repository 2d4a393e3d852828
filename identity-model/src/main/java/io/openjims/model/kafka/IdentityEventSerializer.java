package io.openjims.model.kafka;

import io.openjims.model.IdentityEvent;

/** Serializer for {@link IdentityEvent} values, usable as a Quarkus Kafka channel's {@code value.serializer}. */
public class IdentityEventSerializer extends JsonSerializer<IdentityEvent> {}
