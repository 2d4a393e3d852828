package io.openjims.collector.config;

import io.openjims.model.Topics;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of this collector ({@code openjims.collector.*}). */
@ConfigMapping(prefix = "openjims.collector")
public interface CollectorConfig {

    /**
     * Collector id published in heartbeats (the key of the collector inventory); defaults to the host name. Keep it
     * stable per instance: a Kubernetes StatefulSet's pod name, or one configured id per instance. A Deployment's pod
     * names change on every rollout: the old ids then report stopped.
     */
    Optional<String> id();

    /** Free-text description published in heartbeats until an admin sets one. */
    @WithDefault("OpenJIMS collector")
    String description();

    /** How often the heartbeat is published to the collectors topic (it is also published on state changes). */
    @WithDefault("30s")
    Duration heartbeatInterval();

    /** Topic names. */
    TopicNames topics();

    interface TopicNames {

        /** Name of the events topic ({@code identity.events} in the design). */
        @WithDefault(Topics.EVENTS)
        String events();

        /** Name of the directory topic ({@code identity.directory} in the design). */
        @WithDefault(Topics.DIRECTORY)
        String directory();

        /** Name of the collectors topic ({@code identity.collectors} in the design). */
        @WithDefault(Topics.COLLECTORS)
        String collectors();

        /** Revoked API clients (written by query-service); every replica reads it to refuse their tokens. */
        @WithDefault(Topics.TOKEN_REVOCATIONS)
        String tokenRevocations();
    }
}
