-- When the ingest client last authenticated; written at most once a minute per client and replica.
ALTER TABLE ingest_client ADD COLUMN last_seen_at timestamptz;
