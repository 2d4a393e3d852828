-- The collector site: one id shared by every replica of this collector schema, stamped on its events and directory
-- objects so query-service resolves NetBIOS names and UPN suffixes within the site that read the directory.
INSERT INTO collector_setting (name, value, updated_at) VALUES ('site', gen_random_uuid()::text, now())
ON CONFLICT (name) DO NOTHING;

-- Producer scopes of ingest clients: JSON lists of domains (as producers write them) and CIDR prefixes; empty or
-- null = unrestricted. Roles a producer asserts are kept only when trust_asserted_roles.
ALTER TABLE ingest_client ADD COLUMN domains text;
ALTER TABLE ingest_client ADD COLUMN address_ranges text;
ALTER TABLE ingest_client ADD COLUMN trust_asserted_roles boolean NOT NULL DEFAULT false;
