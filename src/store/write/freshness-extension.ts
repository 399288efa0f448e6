import { type Queryable, statement } from '../database.ts';

// A provider that answers "not modified" has re-promised the same data until a new time: the
// rows keep their values and only their next update moves (the latest observation, and the
// forecast from this hour on), never backwards.
const extend = statement(
  'weather_extend_next_update',
  `WITH o AS (
     UPDATE observations SET next_update_at = $3
      WHERE location_id = $1 AND source = $2 AND next_update_at < $3
        AND observed_at = (SELECT max(observed_at) FROM observations
                            WHERE location_id = $1 AND source = $2)
     RETURNING 1),
   f AS (
     UPDATE forecast_hours SET next_update_at = $3
      WHERE location_id = $1 AND source = $2 AND next_update_at < $3 AND valid_at >= $4
     RETURNING 1)
   SELECT ((SELECT count(*) FROM o) + (SELECT count(*) FROM f))::int AS changed`,
);

/** Moves a source's next update for a place to `until`; returns how many rows moved. */
export async function extendNextUpdate(
  q: Queryable,
  locationId: number,
  source: string,
  until: Date,
  fromHour: Date,
): Promise<number> {
  return (await q.one<{ changed: number }>(extend, [locationId, source, until, fromHour]))!.changed;
}
