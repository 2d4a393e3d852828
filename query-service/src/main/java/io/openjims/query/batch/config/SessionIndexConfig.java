package io.openjims.query.batch.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the in-memory session index that answers IP and user queries ({@code openjims.query.index.*}). */
@ConfigMapping(prefix = "openjims.query.index")
public interface SessionIndexConfig {

    /**
     * Answer IP and user queries from an in-memory index of the active sessions, fed from the view; off: every query
     * reads PostgreSQL.
     */
    @WithDefault("true")
    boolean enabled();

    /**
     * Most sessions the index holds (about 160 bytes of heap each, see docs/benchmarks.md). Beyond it the index
     * empties itself, counts {@code openjims_query_index_overflows_total}, queries read PostgreSQL, and it tries
     * loading again every {@code overflow-retry}.
     */
    @WithDefault("2000000")
    int maxSessions();

    /** How long after an overflow the index tries loading the view again. */
    @WithDefault("1m")
    Duration overflowRetry();

    /**
     * Longest wait between two reads of the view's changes when no notification arrives (a commit of any replica
     * notifies at once).
     */
    @WithDefault("1s")
    Duration pollInterval();

    /**
     * The index answers only while its last successful read of the view is at most this old; otherwise (this replica
     * cut off from PostgreSQL while others may write) queries read PostgreSQL.
     */
    @WithDefault("30s")
    Duration maxStaleness();
}
