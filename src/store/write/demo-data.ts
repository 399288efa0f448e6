import { DEMO_SOURCE } from '../../domain/weather/weather.ts';
import { type Queryable, statement } from '../database.ts';

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
