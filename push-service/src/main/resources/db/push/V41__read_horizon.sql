-- When the tenant's position last covered everything written before it (caught up, the newest record delivered or
-- passed, or the start of a completed full state). Older than the topics' delete.retention.ms, or a position below
-- a partition's log start, and the worker sends the full state again: tombstones may have been missed.
ALTER TABLE tenant_delivery ADD COLUMN read_up_to timestamptz;
ALTER TABLE tenant_delivery ADD COLUMN snapshot_started_at timestamptz;
UPDATE tenant_delivery SET read_up_to = now() WHERE snapshot_complete;
