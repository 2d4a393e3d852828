package io.openjims.push.tenant.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A tenant (table {@code push.tenant}); secrets are stored AES-GCM encrypted. */
@Entity
@Table(name = "tenant")
public class TenantEntity {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public String endpoint;

    /** Lower-case DNS domains, comma separated. */
    @Column(nullable = false)
    public String domains;

    @Column(name = "ca_pem")
    public String caPem;

    @Column(name = "client_cert_pem")
    public String clientCertPem;

    @Column(name = "client_key_enc")
    public byte[] clientKeyEnc;

    /** As CSO issued it (or generated); changes only together with the password. */
    @Column(nullable = false)
    public String username;

    @Column(name = "password_enc", nullable = false)
    public byte[] passwordEnc;

    @Column(name = "config_version", nullable = false)
    public long configVersion;

    @Column(name = "resync_generation", nullable = false)
    public long resyncGeneration;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
