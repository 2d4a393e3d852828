package io.openjims.model.kafka;

import io.openjims.model.CollectorStatus;

/** Serializer for {@link CollectorStatus} values, usable as a Quarkus Kafka channel's {@code value.serializer}. */
public class CollectorStatusSerializer extends JsonSerializer<CollectorStatus> {}
