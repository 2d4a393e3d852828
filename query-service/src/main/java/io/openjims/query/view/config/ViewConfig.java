package io.openjims.query.view.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Settings of the materialized view ({@code openjims.query.view.*}).
 */
@ConfigMapping(prefix = "openjims.query.view")
public interface ViewConfig {

    /** Consumer group of the view's Kafka consumers; suffixed with {@code -events} and {@code -directory}. */
    @WithDefault("openjims-query")
    String groupId();

    /**
     * Stable id of this replica (a StatefulSet pod name, or one configured id per replica); when set, the view's
     * consumers are static group members ({@code group.instance.id} = this id, the consumer name and its number): a
     * replica killed and restarted gets its partitions back at once instead of after the session timeout. Unset:
     * dynamic members. Two running replicas must never share an id.
     */
    Optional<String> instanceId();

    /**
     * Kafka session timeout of the view's consumers: how long a replica that died without leaving keeps its
     * partitions before the others take them over.
     */
    @WithDefault("20s")
    Duration consumerSessionTimeout();

    /**
     * Default session timeout in minutes until an admin stores another through the settings API: 0 (never expire) or
     * 10..1440, as on the SRX JIMS profile.
     */
    @WithDefault("1440")
    int sessionTimeoutMinutes();

    /**
     * How far in the future (ahead of the collector's receive time) an event may be dated; a later time is replaced
     * by the receive time and counted ({@code openjims.query.events.clamped}), so a sender whose clock runs ahead
     * cannot pin an address. The collectors apply the same rule before publishing.
     */
    @WithDefault("5m")
    Duration maxFutureSkew();

    /**
     * Source precedence: source kinds strongest first (a kind not listed is weaker than all). Within
     * {@code precedence-hold} after a stronger source's logon set the user of an address, a weaker source's logon
     * has no effect (held, counted per source kind in {@code openjims_query_events_held_total}).
     */
    @WithDefault("radius,srx-webapi,pan-userid,json,syslog")
    List<String> sourcePrecedence();

    /** How long a stronger source's logon holds an address against weaker sources; 0 turns precedence off. */
    @WithDefault("10m")
    Duration precedenceHold();

    /**
     * Most provenance rows (what the explain call of an address lists) kept per address; older ones are pruned, and
     * all after {@code retention}.
     */
    @WithDefault("20")
    int decisionsPerAddress();

    /** How long change-log rows are kept for batch queries; older rows are pruned (once published). */
    @WithDefault("7d")
    Duration retention();

    /**
     * The {@code delete.retention.ms} of identity.directory (tombstones kept; deployments set 7 days). A directory
     * consumer whose checkpoint is older, or below the topic's log start, rebuilds the directory from the beginning
     * of the topic. Must not be longer than the topic's setting.
     */
    @WithDefault("7d")
    Duration tombstoneRetention();

    /** Most records applied in one PostgreSQL transaction (larger polls: fewer commits and checkpoint locks). */
    @WithDefault("5000")
    int maxPollRecords();

    /**
     * Consumers of identity.events per replica, each applying its share of the partitions in its own transactions,
     * so PostgreSQL works on several batches at once.
     */
    @WithDefault("2")
    int eventsConsumers();

    /** Whether this replica consumes identity.events and identity.directory (off only for tools and tests). */
    @WithDefault("true")
    boolean consumersEnabled();

    /** Whether this replica runs the outbox relay to identity.sessions (only one replica publishes at a time). */
    @WithDefault("true")
    boolean relayEnabled();

    /** How often due sessions are expired. */
    @WithDefault("5s")
    Duration expiryInterval();

    /** How often the change log is pruned. */
    @WithDefault("10m")
    Duration pruneInterval();

    /** Pause of the relay when the change log has nothing new. */
    @WithDefault("100ms")
    Duration relayInterval();
}
