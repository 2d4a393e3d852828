package io.openjims.model.kafka;

import io.openjims.model.DirectoryObject;

/** Deserializer for {@link DirectoryObject} values, usable as a Quarkus Kafka channel's {@code value.deserializer}. */
public class DirectoryObjectDeserializer extends JsonDeserializer<DirectoryObject> {

    public DirectoryObjectDeserializer() {
        super(DirectoryObject.class);
    }
}
