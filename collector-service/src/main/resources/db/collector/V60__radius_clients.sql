-- RADIUS accounting clients (NAS): one per address or CIDR prefix, with its shared secret encrypted at rest
-- (AES-256-GCM with OPENJIMS_COLLECTOR_ENCRYPTION_KEY, bound to the row id), its default domain for plain user names
-- and its producer scope (JSON lists of domains and CIDR prefixes; empty = unrestricted; Class roles kept only when
-- trust_asserted_roles).
CREATE TABLE collector.radius_client (
    id                   text PRIMARY KEY,
    name                 text        NOT NULL,
    address              text        NOT NULL UNIQUE,
    secret_enc           bytea       NOT NULL,
    default_domain       text,
    domains              text        NOT NULL DEFAULT '[]',
    address_ranges       text        NOT NULL DEFAULT '[]',
    trust_asserted_roles boolean     NOT NULL DEFAULT false,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL
);
CREATE UNIQUE INDEX radius_client_name ON collector.radius_client (lower(name));
