-- Syslog parsing rules (ordered by position), managed through /api/admin/syslog-rules.
CREATE TABLE collector.syslog_rule (
    id               uuid PRIMARY KEY,
    name             text        NOT NULL UNIQUE,
    position         integer     NOT NULL,
    operation        text        NOT NULL CHECK (operation IN ('logon', 'logoff')),
    condition_type   text        NOT NULL CHECK (condition_type IN ('substring', 'regex')),
    match_condition  text        NOT NULL,
    pattern          text        NOT NULL,
    exclude_pattern  text,
    skip_users       text,
    enabled          boolean     NOT NULL DEFAULT true,
    builtin          boolean     NOT NULL DEFAULT false,
    -- an admin changed this built-in rule: upgrades no longer replace its definition
    modified         boolean     NOT NULL DEFAULT false,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL
);

CREATE INDEX syslog_rule_position ON collector.syslog_rule (position, name);

-- Built-in rules seeded once: a built-in rule an admin deleted is not seeded again.
CREATE TABLE collector.syslog_builtin_seeded (
    name      text PRIMARY KEY,
    seeded_at timestamptz NOT NULL
);
