package io.openjims.push.config;

import io.openjims.model.Topics;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Settings of push-service ({@code openjims.push.*}).
 */
@ConfigMapping(prefix = "openjims.push")
public interface PushConfig {

    /** Topic names. */
    TopicNames topics();

    /**
     * Base64 of a 16, 24 or 32 byte AES key that encrypts tenant passwords and client keys at rest
     * ({@code OPENJIMS_PUSH_ENCRYPTION_KEY}, from a Kubernetes Secret). Without it tenants cannot be created.
     */
    Optional<String> encryptionKey();

    /** Whether tenant endpoints may use plain {@code http://} (debugging only). Default false: https only. */
    @WithDefault("false")
    boolean allowHttpEndpoints();

    /** Delivery to tenants. */
    Delivery delivery();

    interface TopicNames {

        /** Name of the sessions topic ({@code identity.sessions} in the design). */
        @WithDefault(Topics.SESSIONS)
        String sessions();

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

    interface Delivery {

        /** Whether this instance delivers to tenants at all. Default true. */
        @WithDefault("true")
        boolean enabled();

        /** Most items in one batch. Default 500. */
        @WithDefault("500")
        int batchMaxItems();

        /** Longest a change waits for more changes to share its batch. Default 200 ms. */
        @WithDefault("200ms")
        Duration batchMaxDelay();

        /** First retry delay after a failed push. Default 1 s. */
        @WithDefault("1s")
        Duration retryInitial();

        /** Cap of the exponential retry delay. Default 5 min. */
        @WithDefault("5m")
        Duration retryMax();

        /** TCP + TLS connect timeout to a tenant. Default 10 s. */
        @WithDefault("10s")
        Duration connectTimeout();

        /** Longest wait for a tenant's answer to one batch. Default 30 s. */
        @WithDefault("30s")
        Duration requestTimeout();

        /** How often tenants are (re)read from the database and leases renewed. Default 1 s. */
        @WithDefault("1s")
        Duration supervisorInterval();

        /** How long a claim on a tenant lasts without renewal (another instance may take over then). Default 30 s. */
        @WithDefault("30s")
        Duration leaseDuration();

        /** How often progress over filtered records and the lag are written when nothing is sent. Default 2 s. */
        @WithDefault("2s")
        Duration progressInterval();

        /** Whether tenant endpoints on this host (loopback) are allowed: local stacks and tests only. */
        @WithDefault("false")
        boolean allowLoopbackEndpoints();

        /**
         * Address ranges (CIDR) tenant endpoints may never resolve into, besides loopback and link-local: set the
         * cluster's pod and service ranges here. Default none.
         */
        Optional<List<String>> deniedEndpointRanges();

        /**
         * The source topics' {@code delete.retention.ms} (tombstones kept; deployments set 7 days). A tenant whose
         * position is older, or below a partition's log start, gets the full state again. Must not be longer than the
         * topics' setting.
         */
        @WithDefault("7d")
        Duration tombstoneRetention();

        /** Most bytes of a tenant's answer read (the rest is not read; the connection is closed). */
        @WithDefault("65536")
        int maxResponseBytes();
    }
}
