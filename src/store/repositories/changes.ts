import { DEMO_SOURCE } from '../../domain/weather.ts';
import { type Queryable, statement } from '../database.ts';

/** The channel on which every write announces the places it changed, once it commits. */
export const PLACES_CHANNEL = 'isobar_places';

/** Postgres refuses a NOTIFY payload of 8000 bytes or more; places go in messages below that. */
const MAX_PAYLOAD = 7_000;

const notify = statement('changes_notify', `SELECT pg_notify('${PLACES_CHANNEL}', $1)`);

/**
 * Announces that these places (`GB/London`) changed. Inside a transaction, Postgres delivers the
 * notification only if and when it commits, so a listener never hears of a write that failed.
 */
export async function notifyPlacesChanged(q: Queryable, refs: readonly string[]): Promise<void> {
  let batch: string[] = [];
  let size = 2;
  for (const ref of new Set(refs)) {
    if (size + ref.length + 3 > MAX_PAYLOAD) {
      await q.one(notify, [JSON.stringify(batch)]);
      batch = [];
      size = 2;
    }
    batch.push(ref);
    size += ref.length + 3;
  }
  if (batch.length > 0) await q.one(notify, [JSON.stringify(batch)]);
}

const dropDemo = statement(
  'changes_drop_demo',
  `WITH o AS (DELETE FROM observations WHERE source = $1 AND location_id = ANY($2::int[])
              RETURNING location_id),
        f AS (DELETE FROM forecast_hours WHERE source = $1 AND location_id = ANY($2::int[])
              RETURNING location_id),
        d AS (DELETE FROM daily_summaries WHERE source = $1 AND location_id = ANY($2::int[])
              RETURNING location_id),
        m AS (DELETE FROM monthly_rollups WHERE source = $1 AND location_id = ANY($2::int[]))
   SELECT location_id FROM o UNION SELECT location_id FROM f UNION SELECT location_id FROM d`,
);

/**
 * Real data for a place replaces the demo source's: its demo rows (and their monthly rollups) go
 * in the same transaction.
 * Returns the places that had demo rows, whose pages therefore change.
 */
export async function dropDemoData(
  q: Queryable,
  locationIds: readonly number[],
): Promise<number[]> {
  if (locationIds.length === 0) return [];
  return q.column<number>(dropDemo, [DEMO_SOURCE, [...new Set(locationIds)]]);
}
