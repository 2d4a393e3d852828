package io.openjims.query.auth.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One API client (table {@code query.api_client}); {@code secretHash} is a PBKDF2 hash, never the secret. */
@Entity
@Table(name = "api_client")
public class ApiClientEntity {

    /** Created through the admin API. */
    public static final String ORIGIN_API = "api";

    /** Created or updated from configuration at start-up. */
    public static final String ORIGIN_CONFIG = "config";

    @Id
    @Column(name = "client_id")
    public String clientId;

    @Column(name = "name", nullable = false)
    public String name;

    @Column(name = "roles", nullable = false)
    public String[] roles;

    @Column(name = "secret_hash", nullable = false)
    public String secretHash;

    @Column(name = "origin", nullable = false)
    public String origin;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "secret_changed_at", nullable = false)
    public Instant secretChangedAt;

    /** Who set the current secret: {@link #ORIGIN_API} or {@link #ORIGIN_CONFIG}. */
    @Column(name = "secret_set_by", nullable = false)
    public String secretSetBy = ORIGIN_API;

    /** DNS domains (lower case) the client is limited to; empty = unrestricted. */
    @Column(name = "domains", nullable = false)
    public String[] domains = new String[0];

    /** When a token was last issued to the client or it last queried (written by {@code ClientActivity} only). */
    @Column(name = "last_seen_at", insertable = false, updatable = false)
    public Instant lastSeenAt;
}
