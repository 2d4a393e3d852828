-- API clients of the SRX API and the admin APIs (OAuth 2.0 client credentials). Only a PBKDF2 hash of each secret
-- is stored; the secret itself is shown once, when it is created or rotated.
CREATE TABLE api_client (
    client_id         text PRIMARY KEY,
    name              text        NOT NULL,
    roles             text[]      NOT NULL CHECK (cardinality(roles) > 0
                                                  AND roles <@ ARRAY['srx', 'ingest', 'admin']::text[]),
    secret_hash       text        NOT NULL,
    origin            text        NOT NULL CHECK (origin IN ('api', 'config')),
    created_at        timestamptz NOT NULL,
    secret_changed_at timestamptz NOT NULL
);
