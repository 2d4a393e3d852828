-- When a token was last issued to the client or it last queried; written at most once a minute per client and replica.
ALTER TABLE api_client ADD COLUMN last_seen_at timestamptz;
