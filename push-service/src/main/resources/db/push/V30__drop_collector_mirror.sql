-- The collector-status mirror (V1) was written and never read; delivery reads identity.collectors itself.
DROP TABLE collector;
