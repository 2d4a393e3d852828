package io.openjims.support.jwt;

import java.util.Optional;

/**
 * Where a service's revocations come from: each service names the Kafka topic and reads its records (the record type
 * belongs to the identity model, which this module does not know).
 */
public interface RevocationSource {

    /** The compacted topic of revocations, keyed by client id. */
    String topic();

    /** The revocation in a record; empty when the record is not one (counted and skipped). */
    Optional<Revocation> decode(String key, byte[] value);
}
