import type { Changes, WriteCounts } from '../../domain/changes.ts';
import type { Place } from '../../domain/place.ts';
import type { ForecastHour, Observation } from '../../domain/weather/weather.ts';
import { findPlacesByName } from '../../store/catalog/locations.ts';
import type { Queryable } from '../../store/database.ts';
import type { ChangeReason } from '../../store/operations/change-log.ts';
import {
  duplicateReason,
  type PlaceName,
  type RowError,
  type RowKind,
  type RowsOf,
  readRow,
  sourceOf,
} from '../row-reader.ts';
import {
  type SourceOutcome,
  type StoredOfSource,
  storedBySource,
  tallyBySource,
  UNKNOWN_SOURCE,
} from '../source-tally.ts';
import { applyWrite, type DemoReplacedByKind, type WriteSet } from './apply-write.ts';

export interface WriteOutcome extends WriteCounts, Changes {
  /** Rows given. */
  read: number;
  /** Rows stored exactly as they were already. */
  unchanged: number;
  /** Rows refused, each with its reasons in `errors`. */
  rejected: number;
  errors: RowError[];
  /** The same outcome by source (what the metrics count), with the newest data time stored. */
  bySource: SourceOutcome[];
  /** The demo source's rows these replaced, by kind (in a dry run, what they would have). */
  demoReplaced: DemoReplacedByKind;
}

const noDemoReplaced = (): DemoReplacedByKind => ({
  observations: { rows: 0, places: [] },
  forecasts: { rows: 0, places: [] },
  daily: { rows: 0, places: [] },
});

export interface WriteOptions {
  now: Date;
  /**
   * What to do with a batch that has bad rows: `all-or-nothing` writes nothing (the API);
   * `skip-bad` writes the good rows and reports the others (imports, row by row).
   */
  onBadRows: 'all-or-nothing' | 'skip-bad';
  /** Validate and count, then roll back: nothing is stored, nothing announced. */
  dryRun?: boolean;
  /** What the change log says made the change (default `write`). */
  reason?: ChangeReason;
}

/** A batch's rows as read and checked field by field, before the catalog is asked. */
export interface ReadBatch<K extends RowKind> {
  kind: K;
  /** Rows given. */
  size: number;
  read: { index: number; row: RowsOf[K] }[];
  errors: RowError[];
  /** The source each row names, by index (for the metrics, rejected rows too). */
  sources: string[];
}

export const emptyReadBatch = <K extends RowKind>(kind: K): ReadBatch<K> => ({
  kind,
  size: 0,
  read: [],
  errors: [],
  sources: [],
});

/**
 * Reads one more raw row into a batch (readRow: fields, units, ranges). An import reads each
 * row as it arrives, so that this work is done while the batch before is being written.
 */
export function readIntoBatch<K extends RowKind>(batch: ReadBatch<K>, raw: unknown, now: Date) {
  const index = batch.size++;
  const reading = readRow(batch.kind, raw, index, now);
  batch.sources.push(reading.row?.source ?? sourceOf(raw) ?? UNKNOWN_SOURCE);
  if (reading.row) batch.read.push({ index, row: reading.row });
  else for (const error of reading.errors) batch.errors.push(error);
}

/**
 * Writes one batch of rows of a kind, validated whole first (fields, units, ranges, the places
 * named, duplicate keys inside the batch), through the write path (applyWrite) in one
 * transaction. The same row twice is one row; a later different version replaces it.
 */
export function writeRows<K extends RowKind>(
  db: Queryable,
  kind: K,
  raws: readonly unknown[],
  options: WriteOptions,
): Promise<WriteOutcome> {
  return writeReadBatch(db, readBatch(kind, raws, options.now), options);
}

/** Rows given at once read into a batch (readIntoBatch each). */
export function readBatch<K extends RowKind>(
  kind: K,
  raws: readonly unknown[],
  now: Date,
): ReadBatch<K> {
  const batch = emptyReadBatch(kind);
  for (const raw of raws) readIntoBatch(batch, raw, now);
  return batch;
}

/** writeRows for a batch already read (readIntoBatch): the places, duplicates, the write. */
export async function writeReadBatch<K extends RowKind>(
  db: Queryable,
  batch: ReadBatch<K>,
  options: WriteOptions,
): Promise<WriteOutcome> {
  return writePreparedBatch(db, await prepareReadBatch(db, batch), options);
}

/** A batch checked against the catalog and against itself: what writePreparedBatch stores. */
export interface PreparedBatch {
  kind: RowKind;
  size: number;
  sources: string[];
  errors: RowError[];
  /** The indexes of the rows refused. */
  bad: Set<number>;
  /** The rows to store, in key order, as the write path takes them. */
  set: WriteSet;
  /** For the metrics: the rows to store by source, with their newest data time. */
  stored: StoredOfSource[];
}

/**
 * The places of a batch's rows (one query), then its repeated keys: everything a write needs
 * before its transaction, so that an import does this while the batch before is written.
 */
export async function prepareReadBatch<K extends RowKind>(
  db: Queryable,
  batch: ReadBatch<K>,
): Promise<PreparedBatch> {
  const { kind, read, sources } = batch;
  const errors = [...batch.errors];
  const places = await resolvePlaces(
    db,
    read.map((r) => r.row.place),
  );
  const placed: { index: number; row: RowsOf[K]; place: Place; time: string | number }[] = [];
  for (const { index, row } of read) {
    const place = places.get(row.place.text);
    if (!place) {
      errors.push({ index, field: 'place', reason: `no place "${row.place.text}" is known` });
      continue;
    }
    placed.push({ index, row, place, time: rowTime(kind, row) });
  }
  // In key order: concurrent writes then lock rows in one order and cannot deadlock (issue 25).
  // The sort is stable, so a key's rows stay in the order read and a repeat follows its first.
  placed.sort(
    (a, b) =>
      a.place.id - b.place.id ||
      (a.row.source < b.row.source ? -1 : a.row.source > b.row.source ? 1 : 0) ||
      compareTimes(a.time, b.time),
  );
  const good: typeof placed = [];
  for (const p of placed) {
    const first = good[good.length - 1];
    if (
      first?.place.id === p.place.id &&
      first.row.source === p.row.source &&
      first.time === p.time
    ) {
      errors.push({
        index: p.index,
        field: timeField(kind),
        reason: duplicateReason(`row ${first.index}`),
        duplicateOf: first.index,
      });
      continue;
    }
    good.push(p);
  }
  errors.sort((a, b) => a.index - b.index);
  return {
    kind,
    size: batch.size,
    sources,
    errors,
    bad: new Set(errors.map((e) => e.index)),
    set: writeSet(kind, good),
    stored: storedBySource(
      good,
      ({ row }) => row.source,
      ({ row }) => dataTime(kind, row),
    ),
  };
}

/** Writes a prepared batch through the write path (applyWrite) in one transaction. */
export async function writePreparedBatch(
  db: Queryable,
  prepared: PreparedBatch,
  options: WriteOptions,
): Promise<WriteOutcome> {
  return (await writePreparedBatches(db, [prepared], options))[0]!;
}

/**
 * Writes prepared batches, each of its own kind (a provider's answer: observations and forecast
 * hours), through the write path in one transaction: one pass over the read model of the places
 * they change, one change announced. The outcome of each batch; an all-or-nothing write with a
 * bad row in any batch writes none of them.
 */
export async function writePreparedBatches(
  db: Queryable,
  prepared: readonly PreparedBatch[],
  options: WriteOptions,
): Promise<WriteOutcome[]> {
  const storing = prepared.map((p) => p.stored.reduce((n, s) => n + s.rows, 0));
  const outcomes = prepared.map(
    ({ size, bad, errors }): WriteOutcome => ({
      read: size,
      inserted: 0,
      replaced: 0,
      unchanged: 0,
      rejected: bad.size,
      errors,
      places: [],
      days: [],
      bySource: [],
      demoReplaced: noDemoReplaced(),
    }),
  );
  const refusedAll =
    options.onBadRows === 'all-or-nothing' && prepared.some((p) => p.errors.length);
  if (refusedAll || storing.every((n) => n === 0)) {
    for (const [i, { size, sources, bad }] of prepared.entries()) {
      // Nothing of this batch to store: its bad rows are refused; else all its rows are.
      const refused = storing[i] === 0 ? bad : Array.from({ length: size }, (_, k) => k);
      outcomes[i]!.bySource = tallyBySource({
        sources,
        rejected: refused,
        stored: [],
        written: [],
      });
    }
    return outcomes;
  }

  class DryRun extends Error {}
  try {
    await db.transaction(async (tx) => {
      const set = Object.assign({}, ...prepared.map((p) => p.set)) as WriteSet;
      const applied = await applyWrite(tx, set, {
        now: options.now,
        reason: options.reason ?? 'write',
      });
      for (const [i, { kind, sources, bad, stored }] of prepared.entries()) {
        const { inserted, replaced, bySource } = applied.byKind[kind];
        Object.assign(outcomes[i]!, applied.changes, {
          inserted,
          replaced,
          demoReplaced: applied.demoReplaced,
          unchanged: storing[i]! - inserted - replaced,
          bySource: tallyBySource({ sources, rejected: bad, stored, written: bySource }),
        });
      }
      if (options.dryRun) throw new DryRun();
    });
  } catch (err) {
    if (!(err instanceof DryRun)) throw err;
    for (const outcome of outcomes) Object.assign(outcome, { places: [], days: [] });
  }
  return outcomes;
}

async function resolvePlaces(
  db: Queryable,
  names: readonly PlaceName[],
): Promise<Map<string, Place>> {
  const keys = new Map<string, { countryCode: string; key: string }>();
  const ids = new Set<number>();
  // Rows of one place mostly share its name (row-reader.ts reads each spelling once).
  const distinct = new Set(names);
  for (const name of distinct) {
    if ('geonamesId' in name) ids.add(name.geonamesId);
    else keys.set(`${name.countryCode}/${name.key}`, name);
  }
  const found = await findPlacesByName(db, [...keys.values()], [...ids]);
  const byId = new Map(found.map((p) => [p.geonamesId, p]));
  const byKey = new Map(found.map((p) => [`${p.countryCode}/${p.slug.toLowerCase()}`, p]));
  const resolved = new Map<string, Place>();
  for (const name of distinct) {
    const place =
      'geonamesId' in name
        ? byId.get(name.geonamesId)
        : byKey.get(`${name.countryCode}/${name.key}`);
    if (place) resolved.set(name.text, place);
  }
  return resolved;
}

function rowTime(kind: RowKind, row: RowsOf[RowKind]): string | number {
  if (kind === 'daily') return (row as RowsOf['daily']).date;
  if (kind === 'observations') return (row as RowsOf['observations']).observedAt.getTime();
  return (row as RowsOf['forecasts']).validAt.getTime();
}

const compareTimes = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

/** What the metrics call a source's data time: when observed, when a forecast was issued. */
function dataTime(kind: RowKind, row: RowsOf[RowKind]): Date | null {
  if (kind === 'observations') return (row as RowsOf['observations']).observedAt;
  if (kind === 'forecasts') return (row as RowsOf['forecasts']).issuedAt;
  return null;
}

const timeField = (kind: RowKind) =>
  kind === 'daily' ? 'date' : kind === 'observations' ? 'observed_at' : 'valid_at';

/** The rows as the write path takes them. */
function writeSet<K extends RowKind>(
  kind: K,
  rows: readonly { row: RowsOf[K]; place: Place }[],
): WriteSet {
  if (kind === 'observations') {
    return {
      observations: rows.map(({ row, place }): Observation => {
        const r = row as RowsOf['observations'];
        return {
          ...r.measures,
          locationId: place.id,
          source: r.source,
          observedAt: r.observedAt,
          nextUpdateAt: r.nextUpdateAt,
        };
      }),
    };
  }
  if (kind === 'forecasts') {
    return {
      forecasts: rows.map(({ row, place }): ForecastHour => {
        const r = row as RowsOf['forecasts'];
        return {
          ...r.measures,
          locationId: place.id,
          source: r.source,
          validAt: r.validAt,
          issuedAt: r.issuedAt,
          nextUpdateAt: r.nextUpdateAt,
          precipitationProbabilityPct: r.precipitationProbabilityPct,
          periodHours: r.periodHours,
        };
      }),
    };
  }
  return {
    daily: rows.map(({ row, place }) => {
      const r = row as RowsOf['daily'];
      return {
        ...r.values,
        locationId: place.id,
        source: r.source,
        date: r.date,
        condition: r.condition,
      };
    }),
  };
}
