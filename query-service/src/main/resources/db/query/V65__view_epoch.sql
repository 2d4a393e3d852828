-- The change log's epoch: batch cookies carry it, so a cookie of another change log (the database was rebuilt, or
-- restored and given a new epoch) is refused with 410 instead of silently skipping or repeating changes.
ALTER TABLE change_counter ADD COLUMN epoch uuid NOT NULL DEFAULT gen_random_uuid();
