-- The read model keeps a place's forecast as one JSON array per column (place-reads.ts), not one
-- per hour: Postgres 15 writes a column's values without looking up each one's type again, and a
-- refresh reads back 18 arrays a place instead of 240 mixed ones (bench:refresh, "CPU per
-- refresh"). The read models already built are turned around here, so that every one is read
-- the same way; one already by column (its first column's second value is a source, not a time)
-- is left as it is.
UPDATE place_reads SET forecast = (
  SELECT json_agg(c.col ORDER BY c.k)
    FROM (SELECT k, json_agg(t.hour -> k ORDER BY t.n) AS col
            FROM json_array_elements(place_reads.forecast) WITH ORDINALITY AS t(hour, n),
                 generate_series(0, json_array_length(place_reads.forecast -> 0) - 1) AS k
           GROUP BY k) c)
 WHERE json_typeof(forecast) = 'array' AND json_array_length(forecast) > 0
   AND json_typeof(forecast -> 0 -> 1) = 'number';
