-- Latest heartbeat of each collector, from identity.collectors. Flyway owns this schema.
CREATE TABLE collector (
    collector_id text PRIMARY KEY,
    version      text,
    state        text        NOT NULL,
    description  text,
    last_update  timestamptz NOT NULL
);
