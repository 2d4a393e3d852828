package io.openjims.collector.radius.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** RADIUS accounting listener settings ({@code openjims.collector.radius.*}). */
@ConfigMapping(prefix = "openjims.collector.radius")
public interface RadiusConfig {

    /** Whether the RADIUS accounting listener starts. */
    @WithDefault("true")
    boolean enabled();

    /** Address the listener binds to. */
    @WithDefault("0.0.0.0")
    String host();

    /** UDP port of RADIUS accounting (RFC 2866); 0 picks a free port (tests). */
    @WithDefault("1813")
    int port();

    /** Kernel receive buffer of the UDP socket, in bytes. */
    @WithDefault("4194304")
    int receiveBufferSize();

    /**
     * Accounting requests waiting for Kafka's acknowledgement before further requests are dropped unanswered (counted
     * with {@code reason="overloaded"}; the NAS sends them again).
     */
    @WithDefault("10000")
    int maxInFlight();

    /**
     * How long an answered request is remembered (source address and port, identifier, authenticator), so that a
     * retransmission is answered again without publishing twice. At most 100,000 answered requests are remembered.
     */
    @WithDefault("30s")
    Duration duplicateWindow();

    /**
     * Sessions remembered per collector replica (address, NAS, Acct-Session-Id, user), so an Accounting-On/Off ends the
     * sessions that NAS opened and a Stop of an older session leaves the newer one; beyond this the oldest are
     * forgotten (they then end by their timeout only).
     */
    @WithDefault("100000")
    int maxTrackedSessions();

    /** How often the RADIUS clients are re-read from the database (changes made through another replica). */
    @WithDefault("10s")
    Duration clientsRefreshInterval();

    /**
     * A vendor-specific attribute whose values are roles, besides Class, as {@code <vendor-id>:<vendor-type>} (e.g.
     * {@code 9:1} for Cisco-AVPair); used only for clients trusted to assert roles. Unset: Class only.
     */
    Optional<String> roleAttribute();
}
