-- HTTP ingest clients: Basic credentials (client_id + PBKDF2 hash of the secret) and a PAN-OS API key (looked up by
-- its first characters, verified against a SHA-256 hash: the key is 238 random bits, so a slow hash adds nothing).
CREATE TABLE ingest_client (
    client_id      text PRIMARY KEY,
    name           text        NOT NULL UNIQUE,
    secret_hash    text        NOT NULL,
    api_key_prefix text        NOT NULL UNIQUE,
    api_key_hash   text        NOT NULL,
    created_at     timestamptz NOT NULL
);
