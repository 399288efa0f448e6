// Protects the bench:import row "ratio (isobar / COPY)" (bench/import.ts): a large write of
// observations goes in by COPY into a temporary table, the stage, and from there set-wise: one
// upsert in key order, the daily summaries of the days it holds, the demo's hours it covers.
// Binding the rows as one array per column cost about twice the COPY of the same rows; a
// small write (the write API, a provider's hour) keeps those arrays, which save the stage's
// round trips (weather-rows.ts).
import type { Observation } from '../../domain/weather/weather.ts';
import { copyTarget, type Queryable, statement } from '../database.ts';
import {
  MEASURE_KEYS,
  MEASURES_FROM_EXCLUDED,
  measureColumns,
} from '../weather/measure-columns.ts';
import { COUNT_WRITTEN, lastPerKey, type Written } from './weather-rows.ts';

/** Observations from this many on are staged. */
export const STAGE_FROM = 1_000;

/** The stage's name: a temporary table, so one per session, emptied at every commit. */
export const STAGE = 'isobar_staged_observations';

const COLUMNS = [
  'location_id',
  'source',
  'observed_at',
  'next_update_at',
  ...measureColumns().split(', '),
];

const create = statement(
  'stage_observations_create',
  `CREATE TEMP TABLE IF NOT EXISTS ${STAGE} (LIKE observations INCLUDING DEFAULTS)
   ON COMMIT DELETE ROWS`,
);
// Emptied before use too: two writes in one transaction would otherwise see each other's rows.
const empty = statement('stage_observations_empty', `DELETE FROM ${STAGE}`);
const target = copyTarget('stage_observations_copy', STAGE, COLUMNS);

// As weather-rows.ts's upsert, from the stage, in key order: concurrent writers then take the
// rows' locks in one order and cannot deadlock on each other.
const upsert = statement(
  'stage_observations_upsert',
  `WITH written AS (INSERT INTO observations AS o (${COLUMNS.join(', ')})
   SELECT ${COLUMNS.join(', ')} FROM ${STAGE} ORDER BY location_id, source, observed_at
   ON CONFLICT (location_id, source, observed_at) DO UPDATE SET
       next_update_at = excluded.next_update_at, received_at = now(), ${MEASURES_FROM_EXCLUDED}
   WHERE (o.next_update_at, ${measureColumns('o')})
         IS DISTINCT FROM
         (excluded.next_update_at, ${measureColumns('excluded')})
   RETURNING (xmax = 0) AS inserted, location_id, source)
   ${COUNT_WRITTEN}`,
);

/** Observations of one write, one per key; in the stage when `staged`. */
export interface ObservationBatch {
  rows: readonly Observation[];
  staged: boolean;
}

/**
 * Keeps one observation per (place, source, time), the later one, and stages them when they
 * are many (STAGE_FROM): then the *Staged statements read them from the stage.
 */
export async function stageObservations(
  q: Queryable,
  observations: readonly Observation[],
): Promise<ObservationBatch> {
  const rows = lastPerKey(
    observations,
    (r) => `${r.locationId}|${r.source}|${r.observedAt.getTime()}`,
  );
  if (rows.length < STAGE_FROM) return { rows, staged: false };
  await q.run(create);
  await q.run(empty);
  await q.copyFrom(
    target,
    rows.map((r) => {
      const values: unknown[] = [r.locationId, r.source, r.observedAt, r.nextUpdateAt];
      for (const key of MEASURE_KEYS) values.push(r[key]);
      return values;
    }),
  );
  return { rows, staged: true };
}

/** Stores the staged observations as upsertObservations does; the same counts. */
export async function upsertStagedObservations(q: Queryable): Promise<Written> {
  return (await q.one<Written>(upsert))!;
}
