-- One collector replica at a time syncs a directory: the holder of its lease, renewed on every scheduler tick. A
-- replica that dies stops renewing and another takes the lease over once it expires; one that stops cleanly gives
-- its leases up at once. A sync asked for on any replica is counted here and honoured by the holder.
CREATE TABLE collector.directory_lease (
    directory_id  uuid PRIMARY KEY REFERENCES collector.directory_source (id) ON DELETE CASCADE,
    holder        text        NOT NULL,
    expires_at    timestamptz NOT NULL,
    sync_requests bigint      NOT NULL DEFAULT 0,
    full_requests bigint      NOT NULL DEFAULT 0
);
