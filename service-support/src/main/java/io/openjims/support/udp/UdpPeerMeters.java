package io.openjims.support.udp;

import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Vert.x's UDP socket metrics (quarkus-micrometer {@code udp.bytes.read}, {@code udp.bytes.written},
 * {@code udp.exceptions}) carry the peer's address and port as a tag: one new series for every sender, so datagrams
 * with spoofed source addresses grow the heap and {@code /q/metrics} without bound. They are denied; the listeners
 * count datagrams themselves, per sender up to a bound.
 */
@Singleton
public class UdpPeerMeters {

    static final String REMOTE_ADDRESS_TAG = "remote-address";

    @Produces
    @Singleton
    MeterFilter denyPerPeerUdpMeters() {
        return MeterFilter.deny(id -> id.getName().startsWith("udp.") && id.getTag(REMOTE_ADDRESS_TAG) != null);
    }
}
