-- Directory sources (AD / LDAP) configured through /api/admin/directories, their sync status, and the fingerprint of
-- every object published to identity.directory (so an unchanged object is not republished, also after a restart).
CREATE TABLE collector.directory_source (
    id                    uuid PRIMARY KEY,
    name                  text        NOT NULL UNIQUE,
    kind                  text        NOT NULL,
    url                   text        NOT NULL,
    start_tls             boolean     NOT NULL DEFAULT false,
    bind_dn               text        NOT NULL,
    bind_password_enc     bytea       NOT NULL,
    base_dn               text        NOT NULL,
    domain                text        NOT NULL,
    netbios_name          text,
    upn_suffixes          text        NOT NULL DEFAULT '[]',
    poll_interval_seconds integer     NOT NULL,
    full_sync_interval_seconds integer NOT NULL,
    exclude_dn_patterns   text        NOT NULL DEFAULT '[]',
    ca_pem                text,
    ldap_mapping          text,
    config_version        integer     NOT NULL DEFAULT 1,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL
);

CREATE TABLE collector.directory_status (
    source_id             uuid PRIMARY KEY,
    config_version        integer,
    last_attempt          timestamptz,
    last_successful_sync  timestamptz,
    last_full_sync        timestamptz,
    last_error            text,
    users                 integer     NOT NULL DEFAULT 0,
    groups                integer     NOT NULL DEFAULT 0,
    devices               integer     NOT NULL DEFAULT 0,
    last_duration_ms      bigint,
    high_water_mark       text
);

-- What was last published per record key; rows of a source that is no longer configured are tombstoned and removed.
CREATE TABLE collector.directory_object (
    source_id   uuid NOT NULL,
    record_key  text NOT NULL,
    kind        text NOT NULL,
    fingerprint text NOT NULL,
    PRIMARY KEY (source_id, record_key)
);
