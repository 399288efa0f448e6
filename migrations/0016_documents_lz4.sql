-- The read model's documents and forecasts are written again at every refresh of a place: lz4
-- compresses them several times as fast as pglz, the default (their compression was a large part
-- of a refresh's database CPU, bench:refresh). A server built without lz4 (PGlite) keeps pglz.
DO $$
BEGIN
  ALTER TABLE place_reads
    ALTER COLUMN json_metric SET COMPRESSION lz4,
    ALTER COLUMN json_imperial SET COMPRESSION lz4,
    ALTER COLUMN forecast SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  NULL;
END $$;
