package io.openjims.collector.radius.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A RADIUS accounting client (table {@code collector.radius_client}); its shared secret is stored encrypted. */
@Entity
@Table(name = "radius_client")
public class RadiusClientEntity {

    @Id
    @Column(name = "id")
    public String id;

    @Column(name = "name", nullable = false)
    public String name;

    /** Canonical IP address or CIDR prefix the NAS sends from. */
    @Column(name = "address", nullable = false)
    public String address;

    /** AES-256-GCM ciphertext of the shared secret, bound to {@link #id}. */
    @Column(name = "secret_enc", nullable = false)
    public byte[] secretEnc;

    /** Domain of user names that carry none; null: none. */
    @Column(name = "default_domain")
    public String defaultDomain;

    /** JSON list of the domains its events may claim; empty = any. */
    @Column(name = "domains", nullable = false)
    public String domains;

    /** JSON list of the CIDR prefixes its events may claim addresses in; empty = any. */
    @Column(name = "address_ranges", nullable = false)
    public String addressRanges;

    @Column(name = "trust_asserted_roles", nullable = false)
    public boolean trustAssertedRoles;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
