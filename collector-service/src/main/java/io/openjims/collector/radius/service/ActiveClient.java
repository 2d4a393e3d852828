package io.openjims.collector.radius.service;

import io.openjims.collector.ingest.service.ProducerScope;
import java.util.Arrays;

/**
 * A RADIUS client as the listener uses it: with its decrypted shared secret. Never logged whole.
 *
 * @param domain the domain of user names that carry none, or null
 */
public record ActiveClient(String id, String name, String address, byte[] secret, String domain, ProducerScope scope) {

    @Override
    public String toString() {
        return "RadiusClient[" + name + " " + address + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ActiveClient c
                && c.id.equals(id)
                && c.address.equals(address)
                && Arrays.equals(c.secret, secret);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }
}
