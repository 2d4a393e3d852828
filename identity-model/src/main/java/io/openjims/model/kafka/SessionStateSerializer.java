package io.openjims.model.kafka;

import io.openjims.model.SessionState;

/** Serializer for {@link SessionState} values, usable as a Quarkus Kafka channel's {@code value.serializer}. */
public class SessionStateSerializer extends JsonSerializer<SessionState> {}
