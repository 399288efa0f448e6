// Protects the bench:import row "ratio (isobar / COPY)" (bench/import.ts): a large write of
// observations goes in by COPY. Where none of its places holds a row between the first and the
// last time the write brings for it (history imported in order, the common case), the rows are
// copied straight into the table: every one is new. Otherwise they are copied into a temporary
// table, the stage, and from there set-wise: one upsert in key order that counts what it
// replaced. Either way the days they fall in are summed, and the demo's hours they cover
// dropped, from the rows where they went. Binding the rows as one array per column cost about
// twice the COPY of the same rows; a small write (the write API, a provider's hour) keeps those
// arrays, which save the extra round trips (weather-rows.ts).
import type { Observation } from '../../domain/weather/weather.ts';
import { copyTarget, DatabaseError, type Queryable, statement } from '../database.ts';
import { MEASURE_KEYS } from '../weather/measure-columns.ts';
import {
  lastPerKey,
  nothingWritten,
  OBSERVATION_COLUMNS,
  UPSERT_OBSERVATIONS,
  type Written,
} from './weather-rows.ts';

/** Observations from this many on are staged. */
export const STAGE_FROM = 1_000;

/** The stage's name: a temporary table, so one per session, emptied at every commit. */
export const STAGE = 'isobar_staged_observations';

const COLUMNS = OBSERVATION_COLUMNS;

const create = statement(
  'stage_observations_create',
  `CREATE TEMP TABLE IF NOT EXISTS ${STAGE} (LIKE observations INCLUDING DEFAULTS)
   ON COMMIT DELETE ROWS`,
);
// Emptied before use too: two writes in one transaction would otherwise see each other's rows.
const empty = statement('stage_observations_empty', `DELETE FROM ${STAGE}`);
const target = copyTarget('stage_observations_copy', STAGE, COLUMNS);
const direct = copyTarget('observations_copy', 'observations', COLUMNS);

/** The stored rows of each range `r` (location_id, source, lo, hi), as `o`, range by range. */
export const RANGE_ROWS = `CROSS JOIN LATERAL (
     SELECT o.location_id, o.source, o.observed_at FROM observations o
      WHERE o.location_id = r.location_id AND o.source = r.source
        AND o.observed_at BETWEEN r.lo AND r.hi OFFSET 0) o`;

// The rows of a copied write, found again by their ranges: (place, source, first, last time),
// from parameter $first on. Nothing was stored in those ranges before the copy. Range by range,
// each a range of the primary key (OFFSET 0 keeps the planner from joining the ranges with the
// whole table instead, which it did, misjudging their rows, with every row read every batch).
const RANGES = (first: number) =>
  `unnest($${first}::int[], $${first + 1}::text[], $${first + 2}::timestamptz[],
          $${first + 3}::timestamptz[]) AS r(location_id, source, lo, hi)
   ${RANGE_ROWS}`;

const anyStored = statement(
  'observations_any_in_ranges',
  `SELECT EXISTS (SELECT 1 FROM ${RANGES(1)}) AS "any"`,
);

/**
 * Where a statement reads a large write's rows, as (location_id, source, observed_at): the
 * stage, or the table by the write's ranges (parameters from $first: batchRowsParams).
 */
export function batchRowsSql(how: 'staged' | 'copied', first: number): string {
  return how === 'staged'
    ? `SELECT location_id, source, observed_at FROM ${STAGE}`
    : `SELECT o.location_id, o.source, o.observed_at FROM ${RANGES(first)}`;
}

/** The parameters of batchRowsSql for a batch. */
export function batchRowsParams(batch: ObservationBatch): unknown[] {
  return batch.how === 'copied' ? batch.ranges! : [];
}

/** Whether rows are in strict key order (place, source, time): then no key repeats. */
function inKeyOrder(rows: readonly Observation[]): boolean {
  for (let i = 1; i < rows.length; i++) {
    const [a, b] = [rows[i - 1]!, rows[i]!];
    const order =
      a.locationId - b.locationId ||
      (a.source < b.source ? -1 : a.source > b.source ? 1 : 0) ||
      a.observedAt.getTime() - b.observedAt.getTime();
    if (order >= 0) return false;
  }
  return true;
}

/**
 * Each (place, source) of the rows with its first and last time, as batchRowsSql's parameters,
 * and how many rows each holds; rows of a pair may be apart.
 */
function rangeParams(rows: readonly Observation[]): { ranges: unknown[][]; counts: number[] } {
  const ranges = new Map<
    number,
    Map<string, { id: number; source: string; lo: number; hi: number; n: number }>
  >();
  const all: { id: number; source: string; lo: number; hi: number; n: number }[] = [];
  let last: (typeof all)[number] | undefined;
  for (const r of rows) {
    const at = r.observedAt.getTime();
    // Rows in key order (a batch from writeRows) come pair by pair: no lookup for most.
    let range = last?.id === r.locationId && last.source === r.source ? last : undefined;
    if (!range) {
      let bySource = ranges.get(r.locationId);
      if (!bySource) {
        bySource = new Map();
        ranges.set(r.locationId, bySource);
      }
      range = bySource.get(r.source);
      if (!range) {
        range = { id: r.locationId, source: r.source, lo: at, hi: at, n: 0 };
        bySource.set(r.source, range);
        all.push(range);
      }
    }
    if (at < range.lo) range.lo = at;
    else if (at > range.hi) range.hi = at;
    range.n++;
    last = range;
  }
  return {
    ranges: [
      all.map((r) => r.id),
      all.map((r) => r.source),
      all.map((r) => new Date(r.lo)),
      all.map((r) => new Date(r.hi)),
    ],
    counts: all.map((r) => r.n),
  };
}

// As weather-rows.ts's upsert, from the stage, in key order: concurrent writers then take the
// rows' locks in one order and cannot deadlock on each other.
const upsert = statement(
  'stage_observations_upsert',
  UPSERT_OBSERVATIONS(
    `SELECT ${COLUMNS.join(', ')}, $1::timestamptz FROM ${STAGE}
      ORDER BY location_id, source, observed_at`,
  ),
);

/**
 * Observations of one write, one per key: bound as arrays by the statements that write them,
 * in the stage, or copied already (then `written` says so).
 */
export interface ObservationBatch {
  rows: readonly Observation[];
  how: 'bound' | 'staged' | 'copied';
  written?: Written;
  /** For a large write: its ranges, as batchRowsSql's parameters. */
  ranges?: unknown[][];
  /** For a large write: how many of its rows each range holds. */
  rangeRows?: number[];
}

/**
 * Keeps one observation per (place, source, time), the later one, and when they are many
 * (STAGE_FROM) copies them into the table or the stage: then upsertBatchObservations and the
 * statements built on batchRowsSql take them from there.
 */
export async function stageObservations(
  q: Queryable,
  observations: readonly Observation[],
): Promise<ObservationBatch> {
  // A batch from writeRows comes in key order, without repeats: nothing to drop.
  const rows = inKeyOrder(observations)
    ? observations
    : lastPerKey(observations, (r) => `${r.locationId}|${r.source}|${r.observedAt.getTime()}`);
  if (rows.length < STAGE_FROM) return { rows, how: 'bound' };
  const values = rows.map((r) => {
    const v: unknown[] = [r.locationId, r.source, r.observedAt, r.nextUpdateAt];
    for (const key of MEASURE_KEYS) v.push(r[key]);
    return v;
  });
  const { ranges, counts: rangeRows } = rangeParams(rows);
  if (!(await q.one<{ any: boolean }>(anyStored, ranges))!.any) {
    try {
      // In a savepoint: a writer beside this one may have stored one of these keys since.
      await q.transaction((tx) => tx.copyFrom(direct, values));
      return { rows, how: 'copied', written: allInserted(rows), ranges, rangeRows };
    } catch (err) {
      if (!(err instanceof DatabaseError && err.code === '23505')) throw err;
    }
  }
  await q.run(create);
  await q.run(empty);
  await q.copyFrom(target, values);
  return { rows, how: 'staged', ranges, rangeRows };
}

/** What copying rows none of which was stored wrote: every one new. */
function allInserted(rows: readonly Observation[]): Written {
  const written = nothingWritten();
  const bySource = new Map<string, Written['bySource'][number]>();
  const places = new Set<number>();
  for (const r of rows) {
    places.add(r.locationId);
    const s = bySource.get(r.source) ?? { source: r.source, inserted: 0, replaced: 0 };
    s.inserted++;
    bySource.set(r.source, s);
  }
  written.inserted = rows.length;
  written.locationIds = [...places];
  written.bySource = [...bySource.values()];
  return written;
}

/** Stores a large write's observations as upsertObservations does; the same counts. */
export async function upsertBatchObservations(
  q: Queryable,
  batch: ObservationBatch,
  now: Date,
): Promise<Written> {
  if (batch.how === 'copied') return batch.written!;
  return (await q.one<Written>(upsert, [now]))!;
}
