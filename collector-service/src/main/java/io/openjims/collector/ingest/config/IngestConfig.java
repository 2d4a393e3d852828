package io.openjims.collector.ingest.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** HTTP ingest settings ({@code openjims.collector.ingest.*}). */
@ConfigMapping(prefix = "openjims.collector.ingest")
public interface IngestConfig {

    /** Most events one request may carry (JSON array items, SRX entries, PAN login/logout entries). */
    @WithDefault("1000")
    int maxBatch();

    /** Largest request body in bytes; bigger ones get 413. */
    @WithDefault("1048576")
    int maxBodyBytes();

    /** How long a request waits for Kafka to acknowledge its events before it answers 503. */
    @WithDefault("10s")
    Duration ackTimeout();

    /** How long a verified Basic credential is remembered, so PBKDF2 does not run on every request. */
    @WithDefault("60s")
    Duration credentialCacheTtl();

    /**
     * A client's {@code last_seen_at} (an authenticated ingest request) is written at most once per this period per
     * replica, so it costs nothing on the hot path.
     */
    @WithDefault("60s")
    Duration lastSeenResolution();
}
