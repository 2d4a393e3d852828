-- The materialized identity view, its change log (also the outbox for identity.sessions) and the consumer
-- checkpoints that make applying Kafka records exactly-once. Flyway owns this schema.

-- One row per IP address ever seen. active = an entry exists; an inactive row keeps the time of the last applied
-- event so that a late, older event cannot bring back an ended session.
CREATE TABLE session (
    ip               text PRIMARY KEY,
    active           boolean     NOT NULL,
    domain           text,
    user_name        text,
    user_lc          text,
    asserted_roles   text[]      NOT NULL DEFAULT '{}',
    roles            text[]      NOT NULL DEFAULT '{}',
    device           jsonb,
    posture          text,
    source_kind      text,
    source_collector text,
    source_name      text,
    logon_at         timestamptz NOT NULL,
    state_at         timestamptz NOT NULL,
    timeout_minutes  integer,
    expires_at       timestamptz,
    last_event_id    text,
    last_seq         bigint
);
CREATE INDEX session_user_idx ON session (domain, user_lc) WHERE active;
CREATE INDEX session_expiry_idx ON session (expires_at) WHERE active;

-- Sequence numbers are handed out by updating this single row inside the writing transaction: the row lock is
-- held until commit, so sequence order is commit order and a reader never sees seq n+1 before seq n.
CREATE TABLE change_counter (
    id             integer PRIMARY KEY CHECK (id = 1),
    last_seq       bigint NOT NULL,
    pruned_through bigint NOT NULL
);
INSERT INTO change_counter (id, last_seq, pruned_through) VALUES (1, 0, 0);

CREATE TABLE change_log (
    seq              bigint PRIMARY KEY,
    changed_at       timestamptz NOT NULL,
    change_id        text        NOT NULL,
    operation        text        NOT NULL,
    ip               text        NOT NULL,
    domain           text,
    user_name        text,
    roles            text[],
    device           jsonb,
    posture          text,
    source_kind      text,
    source_collector text,
    source_name      text,
    event_time       timestamptz NOT NULL,
    logon_at         timestamptz,
    expires_at       timestamptz
);
CREATE INDEX change_log_changed_at_idx ON change_log (changed_at);
CREATE INDEX change_log_ip_idx ON change_log (ip, seq);

-- Next Kafka offset to apply per consumer/topic/partition, written in the same transaction as the view change.
CREATE TABLE consumer_checkpoint (
    consumer    text    NOT NULL,
    topic       text    NOT NULL,
    partition   integer NOT NULL,
    next_offset bigint  NOT NULL,
    PRIMARY KEY (consumer, topic, partition)
);

-- Last change-log sequence published to identity.sessions.
CREATE TABLE relay_state (
    id           integer PRIMARY KEY CHECK (id = 1),
    last_seq     bigint NOT NULL,
    published_at timestamptz
);
INSERT INTO relay_state (id, last_seq) VALUES (1, 0);

-- Directory objects from identity.directory (users, groups, devices, domains).
CREATE TABLE directory_object (
    object_key   text PRIMARY KEY,
    domain       text        NOT NULL,
    kind         text        NOT NULL,
    guid         text,
    dn_lc        text,
    name         text,
    name_lc      text,
    upn_lc       text,
    display_name text,
    member_of_lc text[]      NOT NULL DEFAULT '{}',
    groups       text[],
    aliases      text[],
    os           text,
    disabled     boolean     NOT NULL DEFAULT false,
    changed_at   timestamptz
);
CREATE INDEX directory_object_name_idx ON directory_object (domain, kind, name_lc);
CREATE INDEX directory_object_dn_idx ON directory_object (dn_lc);
CREATE INDEX directory_object_upn_idx ON directory_object (upn_lc) WHERE upn_lc IS NOT NULL;

-- NetBIOS names and UPN suffixes (lower case) of each DNS domain, from domain objects.
CREATE TABLE domain_alias (
    alias  text PRIMARY KEY,
    domain text NOT NULL
);

-- Runtime settings changed through PUT /api/admin/settings.
CREATE TABLE setting (
    name  text PRIMARY KEY,
    value text NOT NULL
);
