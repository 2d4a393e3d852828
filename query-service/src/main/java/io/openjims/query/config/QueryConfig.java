package io.openjims.query.config;

import io.openjims.model.Topics;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of query-service ({@code openjims.query.*}). */
@ConfigMapping(prefix = "openjims.query")
public interface QueryConfig {

    /** Topic names. */
    TopicNames topics();

    /** The collector inventory ({@code GET /api/admin/collectors}). */
    Collectors collectors();

    interface Collectors {

        /** Heartbeat interval assumed for collectors whose heartbeat does not state one (older collectors). */
        @WithDefault("30s")
        Duration heartbeatInterval();

        /** A collector is stale when no heartbeat came for this many of its heartbeat intervals. */
        @WithDefault("3")
        int staleAfterMissedHeartbeats();

        /** Collectors that reported {@code stopped} longer ago than this are left out of the inventory. */
        @WithDefault("P7D")
        Duration forgetStoppedAfter();
    }

    interface TopicNames {

        /** Name of the events topic ({@code identity.events} in the design). */
        @WithDefault(Topics.EVENTS)
        String events();

        /** Name of the directory topic ({@code identity.directory} in the design). */
        @WithDefault(Topics.DIRECTORY)
        String directory();

        /** Name of the sessions topic ({@code identity.sessions} in the design). */
        @WithDefault(Topics.SESSIONS)
        String sessions();

        /** Name of the collectors topic ({@code identity.collectors} in the design): the collector inventory. */
        @WithDefault(Topics.COLLECTORS)
        String collectors();

        /** Revoked API clients (published here, read by every service that verifies tokens). */
        @WithDefault(Topics.TOKEN_REVOCATIONS)
        String tokenRevocations();
    }
}
