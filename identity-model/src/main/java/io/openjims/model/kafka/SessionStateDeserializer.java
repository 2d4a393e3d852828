package io.openjims.model.kafka;

import io.openjims.model.SessionState;

/** Deserializer for {@link SessionState} values, usable as a Quarkus Kafka channel's {@code value.deserializer}. */
public class SessionStateDeserializer extends JsonDeserializer<SessionState> {

    public SessionStateDeserializer() {
        super(SessionState.class);
    }
}
