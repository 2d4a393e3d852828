-- Kafka records a view consumer could not apply (malformed, out of range, refused by the database): kept with the
-- reason and the offset, written in the same transaction that skips them, so the records behind them go on and
-- nothing is lost. Key and value are the record's bytes as received.
CREATE TABLE dead_letter (
    id            bigserial   PRIMARY KEY,
    consumer      text        NOT NULL,
    topic         text        NOT NULL,
    partition     integer     NOT NULL,
    record_offset bigint      NOT NULL,
    record_key    bytea,
    record_value  bytea,
    reason        text        NOT NULL,
    detail        text,
    rejected_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (consumer, topic, partition, record_offset)
);
CREATE INDEX dead_letter_rejected_at_idx ON dead_letter (rejected_at);
