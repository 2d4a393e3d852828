-- When the consumer had read everything before its checkpoint (caught up, or the time of the last record applied):
-- a checkpoint older than the topic's delete.retention.ms may have missed tombstones and makes the consumer rebuild.
ALTER TABLE consumer_checkpoint ADD COLUMN read_up_to timestamptz;
UPDATE consumer_checkpoint SET read_up_to = now();

-- Dead-lettered values are kept up to a bound; the full size of the record's value.
ALTER TABLE dead_letter ADD COLUMN value_length integer;
