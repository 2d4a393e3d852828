package io.openjims.query.config;

import io.openjims.model.Topics;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of query-service ({@code openjims.query.*}). */
@ConfigMapping(prefix = "openjims.query")
public interface QueryConfig {

    /** Topic names. */
    TopicNames topics();

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

        /** Revoked API clients (published here, read by every service that verifies tokens). */
        @WithDefault(Topics.TOKEN_REVOCATIONS)
        String tokenRevocations();
    }
}
