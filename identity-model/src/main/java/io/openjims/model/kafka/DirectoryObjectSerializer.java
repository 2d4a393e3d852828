package io.openjims.model.kafka;

import io.openjims.model.DirectoryObject;

/** Serializer for {@link DirectoryObject} values, usable as a Quarkus Kafka channel's {@code value.serializer}. */
public class DirectoryObjectSerializer extends JsonSerializer<DirectoryObject> {}
