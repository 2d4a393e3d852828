-- Admin-set collector settings (description, ...). Flyway owns this schema.
CREATE TABLE collector_setting (
    name       text PRIMARY KEY,
    value      text        NOT NULL,
    updated_at timestamptz NOT NULL
);
