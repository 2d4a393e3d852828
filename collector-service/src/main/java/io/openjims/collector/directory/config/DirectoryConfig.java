package io.openjims.collector.directory.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of the directory sync ({@code openjims.collector.directory.*}). */
@ConfigMapping(prefix = "openjims.collector.directory")
public interface DirectoryConfig {

    /**
     * AES-256 key (base64 of 32 bytes) that encrypts bind passwords at rest ({@code OPENJIMS_COLLECTOR_ENCRYPTION_KEY}).
     * Without it no directory can be added.
     */
    Optional<String> encryptionKey();

    /** Threads that run directory polls; each directory is polled by one of them, never concurrently with itself. */
    @WithDefault("4")
    int syncThreads();

    /** How often the scheduler looks for due directories and configuration changes. */
    @WithDefault("1s")
    Duration tick();

    /**
     * How long a replica's lease on a directory lasts without renewal (it renews every tick). Only the holder syncs
     * the directory; when a replica dies another takes its directories over after at most this long.
     */
    @WithDefault("30s")
    Duration leaseDuration();

    /** TCP connect timeout to a directory server. */
    @WithDefault("10s")
    Duration connectTimeout();

    /** Timeout of one LDAP operation (one page of a search). */
    @WithDefault("60s")
    Duration responseTimeout();

    /**
     * Entries per page of the simple paged results control (RFC 2696), for every directory. Active Directory returns
     * at most its MaxPageSize (default 1000) per page whatever is asked, so 1000 is the default; a larger value only
     * helps servers without that cap (fewer round trips), a smaller one only servers with a lower cap.
     */
    @WithDefault("1000")
    int pageSize();

    /** Directory objects sent to Kafka before waiting for their acknowledgements (at most 8192). */
    @WithDefault("8192")
    int publishBatch();

    /** Most directories that can be configured. */
    @WithDefault("100")
    int maxDirectories();
}
