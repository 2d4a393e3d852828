-- Source records a tenant's worker could not apply (unreadable, incomplete, refused by the shared text rule): kept
-- with the reason and the offset, once per tenant and record, and skipped, so the records behind them go on. The
-- value is kept up to 16 KiB; value_length is its full size.
CREATE TABLE dead_letter (
    id            bigserial   PRIMARY KEY,
    tenant_id     uuid        NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
    topic         text        NOT NULL,
    partition     integer     NOT NULL,
    record_offset bigint      NOT NULL,
    record_key    bytea,
    record_value  bytea,
    value_length  integer,
    reason        text        NOT NULL,
    detail        text,
    rejected_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, topic, partition, record_offset)
);
CREATE INDEX dead_letter_rejected_at_idx ON dead_letter (rejected_at);
