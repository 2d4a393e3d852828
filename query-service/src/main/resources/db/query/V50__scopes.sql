-- Aliases are claimed per collector site: two sites may give the same NetBIOS name to different DNS domains, and an
-- event resolves the name within the site that produced it ('' = a domain object from before sites were known).
ALTER TABLE domain_alias ADD COLUMN site text NOT NULL DEFAULT '';
ALTER TABLE domain_alias DROP CONSTRAINT domain_alias_pkey;
ALTER TABLE domain_alias ADD PRIMARY KEY (alias, domain);

-- DNS domains an API client is limited to (queries it answers, events it may ingest); empty = unrestricted.
ALTER TABLE api_client ADD COLUMN domains text[] NOT NULL DEFAULT '{}';
