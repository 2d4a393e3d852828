-- Provenance: what the view's rules did with the recent events of each address (GET /api/admin/sessions/{ip}/explain),
-- written in the view's transaction; pruned by the retention service (age and a bound per address).
CREATE TABLE session_decision (
    id               bigserial PRIMARY KEY,
    ip               text        NOT NULL,
    decided_at       timestamptz NOT NULL DEFAULT now(),
    event_time       timestamptz NOT NULL,
    operation        text        NOT NULL,
    domain           text,
    user_name        text,
    source_kind      text,
    source_collector text,
    source_name      text,
    session_id       text,
    rule             text        NOT NULL,
    detail           text
);
CREATE INDEX session_decision_ip_idx ON session_decision (ip, id);
CREATE INDEX session_decision_decided_idx ON session_decision (decided_at);
