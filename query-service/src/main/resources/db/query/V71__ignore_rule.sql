-- Admin-defined ignore rules: events of a matching user (glob over the account name, lower case) or address (IP or
-- CIDR) never create or replace a session.
CREATE TABLE ignore_rule (
    id          text PRIMARY KEY,
    kind        text        NOT NULL CHECK (kind IN ('user', 'address')),
    pattern     text        NOT NULL,
    description text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (kind, pattern)
);
