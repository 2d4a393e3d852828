package io.openjims.collector.ingest.clients.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An HTTP ingest client (table {@code collector.ingest_client}); only hashes of its secrets are stored. */
@Entity
@Table(name = "ingest_client")
public class IngestClientEntity {

    @Id
    @Column(name = "client_id")
    public String clientId;

    @Column(name = "name", nullable = false)
    public String name;

    @Column(name = "secret_hash", nullable = false)
    public String secretHash;

    @Column(name = "api_key_prefix", nullable = false)
    public String apiKeyPrefix;

    @Column(name = "api_key_hash", nullable = false)
    public String apiKeyHash;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** JSON list of the domains this client may claim; null or empty = any. */
    @Column(name = "domains")
    public String domains;

    /** JSON list of the CIDR prefixes this client may claim addresses in; null or empty = any. */
    @Column(name = "address_ranges")
    public String addressRanges;

    @Column(name = "trust_asserted_roles", nullable = false)
    public boolean trustAssertedRoles;

    /** When the client last authenticated (written by the ingest client service's flush only). */
    @Column(name = "last_seen_at", insertable = false, updatable = false)
    public Instant lastSeenAt;
}
