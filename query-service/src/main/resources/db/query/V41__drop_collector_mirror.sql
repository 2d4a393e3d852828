-- The collector-status mirror (V1) was written and never read.
DROP TABLE collector;
