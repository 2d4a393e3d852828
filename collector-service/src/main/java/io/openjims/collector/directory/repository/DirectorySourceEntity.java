package io.openjims.collector.directory.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A configured directory (table {@code collector.directory_source}); the bind password is AES-GCM encrypted. */
@Entity
@Table(name = "directory_source")
public class DirectorySourceEntity {

    @Id
    @Column(name = "id")
    public UUID id;

    @Column(name = "name", nullable = false)
    public String name;

    @Column(name = "kind", nullable = false)
    public String kind;

    @Column(name = "url", nullable = false)
    public String url;

    @Column(name = "start_tls", nullable = false)
    public boolean startTls;

    @Column(name = "bind_dn", nullable = false)
    public String bindDn;

    @Column(name = "bind_password_enc", nullable = false)
    public byte[] bindPasswordEnc;

    @Column(name = "base_dn", nullable = false)
    public String baseDn;

    @Column(name = "domain", nullable = false)
    public String domain;

    @Column(name = "netbios_name")
    public String netbiosName;

    /** JSON array of strings. */
    @Column(name = "upn_suffixes", nullable = false)
    public String upnSuffixes;

    @Column(name = "poll_interval_seconds", nullable = false)
    public int pollIntervalSeconds;

    @Column(name = "full_sync_interval_seconds", nullable = false)
    public int fullSyncIntervalSeconds;

    /** JSON array of regular expressions. */
    @Column(name = "exclude_dn_patterns", nullable = false)
    public String excludeDnPatterns;

    @Column(name = "ca_pem")
    public String caPem;

    /** JSON object (generic LDAP attribute mapping) or null. */
    @Column(name = "ldap_mapping")
    public String ldapMapping;

    @Column(name = "config_version", nullable = false)
    public int configVersion;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
