package io.openjims.collector.syslog.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

    /**
     * Most TCP and TLS connections open at once from one sender address; further ones are closed at once and counted
     * ({@code reason="per_source"}).
     */
    @WithDefault("32")
    int maxConnectionsPerSource();

    /**
     * Sender addresses or CIDR prefixes allowed to send, unrestricted in what they report; the single token
     * {@code none}: nobody (only the named {@link #senders()}), the placeholder deployments ship with. Unset: everyone
     * when no named sender is configured, else only the named senders.
     */
    Optional<List<String>> allowedSenders();

    /**
     * Named senders ({@code senders."<name>".*}): allowed to send like {@link #allowedSenders()}, and limited to a
     * scope. A sender address matching several entries gets the one with the longest prefix; a named sender wins over
     * a plain {@code allowed-senders} entry.
     */
    Map<String, Sender> senders();

    /** One named syslog sender and its scope (what its events may claim). */
    interface Sender {

        /** Its addresses or CIDR prefixes (required). */
        List<String> addresses();

        /**
         * Domains its events may carry, compared case-insensitively with the domain as the message writes it (list
         * {@code EXAMPLE} and {@code example.com} when both forms arrive); unset: any domain.
         */
        Optional<List<String>> domains();

        /** Address ranges (CIDR prefixes) its events may report a logon for; unset: any address. */
        Optional<List<String>> addressRanges();
    }

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

    /** The RELP listener (rsyslog's {@code omrelp}): a message is acknowledged only after Kafka stored its event. */
    Relp relp();

    interface Relp {

        /** Whether the RELP listener starts. */
        @WithDefault("true")
        boolean enabled();

        /** RELP port (plain TCP, the allow-list and connection limits of syslog apply); 0 picks a free port (tests). */
        @WithDefault("2514")
        int port();
    }

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

        /** PEM file of the CA certificates (one or several) whose client certificates senders must present. */
        Optional<String> clientCaFile();

        /**
         * Whether senders present a client certificate: {@code none}, {@code request} (a certificate, when sent, must
         * chain to {@code client-ca-file}) or {@code required}. Unset: {@code required} with a {@code client-ca-file},
         * {@code none} without.
         */
        Optional<ClientAuthMode> clientAuth();
    }

    /** Client certificate policy of the TLS listener. */
    enum ClientAuthMode {
        NONE,
        REQUEST,
        REQUIRED
    }
}
