-- Tenants that receive pushed identity data (CSO / Secure Edge), and the delivery state of each.
CREATE TABLE tenant (
    id                uuid PRIMARY KEY,
    name              text        NOT NULL UNIQUE,
    kind              text        NOT NULL CHECK (kind IN ('cso', 'secure-edge')),
    endpoint          text        NOT NULL,
    -- lower-case DNS domains, comma separated
    domains           text        NOT NULL,
    ca_pem            text,
    client_cert_pem   text,
    -- AES-GCM: version byte, 12-byte nonce, ciphertext + tag; the tenant id is the associated data
    client_key_enc    bytea,
    username          text        NOT NULL UNIQUE,
    password_enc      bytea       NOT NULL,
    -- bumped on every change the delivery worker must pick up (endpoint, TLS material, password)
    config_version    bigint      NOT NULL DEFAULT 1,
    -- bumped by a resync (and a change of domains): the worker then sends the full state again
    resync_generation bigint      NOT NULL DEFAULT 1,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL
);

CREATE TABLE tenant_delivery (
    tenant_id           uuid PRIMARY KEY REFERENCES tenant (id) ON DELETE CASCADE,
    status              text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'connected', 'failing')),
    last_push_at        timestamptz,
    last_error          text,
    last_error_at       timestamptz,
    lag                 bigint      NOT NULL DEFAULT 0,
    delivered_items     bigint      NOT NULL DEFAULT 0,
    delivered_batches   bigint      NOT NULL DEFAULT 0,
    failed_attempts     bigint      NOT NULL DEFAULT 0,
    -- next offset to deliver per topic partition, JSON {"topic:partition": offset}
    positions           text,
    -- the full-state snapshot being sent (or last sent): its generation, end offsets and acknowledged batches
    snapshot_generation bigint      NOT NULL DEFAULT 0,
    snapshot_end        text,
    snapshot_acked      integer     NOT NULL DEFAULT 0,
    snapshot_complete   boolean     NOT NULL DEFAULT false,
    -- the live batch sent but not yet acknowledged: rebuilt from these offsets and resent with the same id
    pending_batch_id    uuid,
    pending_from        text,
    pending_to          text,
    -- which instance delivers this tenant, until when
    owner               text,
    lease_until         timestamptz
);
