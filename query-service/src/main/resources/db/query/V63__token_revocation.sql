-- Outbox of token revocations: written in the transaction that deletes a client or replaces its secret, published to
-- identity.token-revocations by the revocation relay, which then marks the row (only while it still holds the value
-- it published). One row per client id; a newer revocation replaces the older.
CREATE TABLE token_revocation (
    client_id  text PRIMARY KEY,
    not_before timestamptz NOT NULL,
    reason     text NOT NULL,
    published  boolean NOT NULL DEFAULT false
);
CREATE INDEX token_revocation_unpublished ON token_revocation (client_id) WHERE NOT published;

-- Who set a client's current secret: 'config' (the configured admin bootstrap) or 'api' (created or rotated through
-- the admin API). The bootstrap never replaces a secret set through the API (docs/security.md).
ALTER TABLE api_client ADD COLUMN secret_set_by text NOT NULL DEFAULT 'api';
UPDATE api_client SET secret_set_by = 'config' WHERE origin = 'config';
