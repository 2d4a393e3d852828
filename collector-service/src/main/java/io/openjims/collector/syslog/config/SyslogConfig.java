package io.openjims.collector.syslog.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Syslog listener settings ({@code openjims.collector.syslog.*}). */
@ConfigMapping(prefix = "openjims.collector.syslog")
public interface SyslogConfig {

    /** Whether the listeners start at all. */
    @WithDefault("true")
    boolean enabled();

    /** Address the listeners bind to. */
    @WithDefault("0.0.0.0")
    String host();

    /** UDP and TCP port (plain syslog, RFC 5426 / RFC 6587); 0 picks a free port (tests). */
    @WithDefault("5514")
    int port();

    /** TLS listener (RFC 5425). */
    Tls tls();

    /** Longest message accepted, in bytes; longer ones are counted as dropped and skipped. */
    @WithDefault("8192")
    int maxMessageSize();

    /** Most TCP and TLS connections open at once; further ones are closed at once and counted. */
    @WithDefault("1000")
    int maxConnections();

    /** A TCP or TLS connection that sends nothing for this long is closed. */
    @WithDefault("10m")
    Duration idleTimeout();

    /** Sender addresses or CIDR prefixes allowed to send; empty: everyone. */
    Optional<List<String>> allowedSenders();

    /**
     * Events of one TCP/TLS connection not yet acknowledged by Kafka before reading from it pauses (bytes already read
     * stay undecoded until the window has room). Larger windows keep more events alive and cost more in GC.
     */
    @WithDefault("2000")
    int maxInFlightPerConnection();

    /** Events of all TCP/TLS connections together not yet acknowledged before every connection pauses. */
    @WithDefault("20000")
    int maxInFlight();

    /** UDP events not yet acknowledged by Kafka; beyond this, UDP events are dropped (and counted). */
    @WithDefault("10000")
    int udpBuffer();

    /** Kernel receive buffer of the UDP socket, in bytes. */
    @WithDefault("4194304")
    int udpReceiveBufferSize();

    /** How often rules are re-read from the database (changes made through another replica). */
    @WithDefault("10s")
    Duration rulesRefreshInterval();

    /** Distinct sender addresses with their own counters; the rest are counted under {@code other}. */
    @WithDefault("1000")
    int maxTrackedSenders();

    /** Logons remembered by logon id so a Windows logoff finds its address. */
    @WithDefault("100000")
    int sessionCacheSize();

    interface Tls {

        /** Whether the TLS listener (RFC 5425) starts. */
        @WithDefault("true")
        boolean enabled();

        /** TLS port; 0 picks a free port (tests). */
        @WithDefault("6514")
        int port();

        /** PEM certificate (chain) file; without it a self-signed certificate is generated at start. */
        Optional<String> certFile();

        /** PEM private key file (PKCS#8 or PKCS#1) belonging to {@code cert-file}. */
        Optional<String> keyFile();
    }
}
