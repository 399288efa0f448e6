import { Invalid } from '../../contract/protocol/request-errors.ts';
import { ROW_KINDS } from '../../domain/weather/weather.ts';
import type { Queryable } from '../../store/database.ts';
import { duplicateReason, type RowError, type RowKind, readRow } from '../row-reader.ts';
import {
  emptyReadBatch,
  type PreparedBatch,
  prepareReadBatch,
  type ReadBatch,
  readIntoBatch,
  writePreparedBatch,
} from '../write-path/write-rows.ts';
import type { SourceRecord } from './csv-records.ts';
import type { ImportOptions } from './import-options.ts';
import { checkHeader, createShaper, detectKind, isObject } from './shape.ts';

/** What an import has done so far; every record read ends up in exactly one of the counts. */
export interface ImportTotals {
  read: number;
  inserted: number;
  replaced: number;
  unchanged: number;
  rejected: number;
  /** Batches committed (or, in a dry run, validated and rolled back). */
  batches: number;
  /** The kind of rows, once known. */
  kind?: RowKind;
  /** The demo source's rows the import replaced, by kind, and the places they were in. */
  demoReplaced: Record<RowKind, { rows: number; places: Set<string> }>;
}

/** A row refused, by the line of the file it ends on, with every reason. */
export interface BadRow {
  line: number;
  reasons: string[];
}

export interface ImportHooks {
  onBadRow(bad: BadRow): void;
  /** After each batch is committed. */
  onBatch?(): void;
  /** After each batch that changed something commits: its change is in the change log. */
  onChange?(): void;
  now?: () => Date;
}

export const emptyTotals = (): ImportTotals => ({
  read: 0,
  inserted: 0,
  replaced: 0,
  unchanged: 0,
  rejected: 0,
  batches: 0,
  demoReplaced: {
    observations: { rows: 0, places: new Set() },
    forecasts: { rows: 0, places: new Set() },
    daily: { rows: 0, places: new Set() },
  },
});

/**
 * Reads records into batches and writes each with writeRows in a transaction of its own, the
 * good rows of a batch stored and the bad ones reported by line. One batch is written while the
 * next is read and prepared (its places found, its keys sorted), never more: the reader waits on
 * the writer (backpressure) and memory holds two batches at most. The upserts are idempotent, so
 * a rerun after a kill converges.
 */
export async function importRecords(
  db: Queryable,
  records: AsyncIterable<SourceRecord>,
  options: ImportOptions,
  hooks: ImportHooks,
  totals: ImportTotals = emptyTotals(),
): Promise<ImportTotals> {
  const shape = createShaper(options);
  const now = hooks.now ?? (() => new Date());
  const describe = fieldNames(options.rename);
  let kind = options.kind;
  // Each row is read (checked field by field) as it arrives, while the batch before is written.
  let batch: ReadBatch<RowKind> | undefined;
  let batchNow = now();
  let lines: number[] = [];
  // Assigned by flush(), which the compiler cannot follow.
  let writing = null as Promise<void> | null;

  const write = async (batch: PreparedBatch, batchLines: number[]) => {
    const outcome = await writePreparedBatch(db, batch, {
      now: now(),
      onBadRows: 'skip-bad',
      dryRun: options.dryRun,
      reason: 'import',
    });
    totals.inserted += outcome.inserted;
    totals.replaced += outcome.replaced;
    totals.unchanged += outcome.unchanged;
    totals.rejected += outcome.rejected;
    totals.batches++;
    for (const kind of ROW_KINDS) {
      const replaced = outcome.demoReplaced[kind];
      totals.demoReplaced[kind].rows += replaced.rows;
      for (const place of replaced.places) totals.demoReplaced[kind].places.add(place);
    }
    for (const bad of badRows(outcome.errors, batchLines, describe)) hooks.onBadRow(bad);
    if (!options.dryRun && outcome.places.length > 0) hooks.onChange?.();
    hooks.onBatch?.();
  };
  const flush = async () => {
    if (!batch || batch.size === 0) return;
    const [full, batchLines] = [batch, lines];
    batch = undefined;
    lines = [];
    // Its places are found and its keys sorted while the batch before is still being written.
    const prepared = await prepareReadBatch(db, full);
    await writing;
    writing = write(prepared, batchLines);
    writing.catch(() => {}); // awaited (and so thrown) before the next batch or at the end
  };

  try {
    for await (const record of records) {
      totals.read++;
      if (record.error !== undefined) {
        totals.rejected++;
        hooks.onBadRow({ line: record.line, reasons: [`the line ${record.error}`] });
        continue;
      }
      // The header as the file has it, before the shaper fills in --place and --source (in the
      // record itself when nothing is renamed).
      const header = kind === undefined && typeof record.fields === 'object' && record.fields;
      const columns = header ? Object.keys(record.fields as object) : [];
      const row = shape(record.fields);
      if (kind === undefined && !isObject(row)) {
        // Not a row of any kind (an NDJSON array or number): refused before the kind is known.
        totals.rejected++;
        const { errors } = readRow('daily', row, 0, now());
        hooks.onBadRow({ line: record.line, reasons: errors.map((e) => e.reason) });
        continue;
      }
      if (kind === undefined) {
        if (options.format === 'csv' && header) checkHeader(columns, options);
        kind = detectKind(row) ?? undefined;
        if (kind === undefined) {
          throw new Invalid(
            'cannot tell the kind of rows: no observed_at, valid_at or date column (add --kind, or --rename a column)',
          );
        }
      }
      totals.kind = kind;
      if (!batch) {
        batch = emptyReadBatch(kind);
        batchNow = now();
      }
      readIntoBatch(batch, row, batchNow);
      lines.push(record.line);
      if (batch.size >= options.batch) await flush();
    }
    await flush();
  } finally {
    await writing?.catch(() => {});
  }
  await writing;
  return totals;
}

/** How a field is named to the user: as in the file, with the name it was renamed to. */
function fieldNames(rename: ReadonlyMap<string, string>): (field: string) => string {
  const original = new Map([...rename].map(([from, to]) => [to, from]));
  return (field) => {
    const from = original.get(field);
    return from ? `${from} (as ${field})` : field;
  };
}

/** writeRows' errors, by row of the batch, as lines of the file. */
function badRows(
  errors: readonly RowError[],
  lines: readonly number[],
  describe: (field: string) => string,
): BadRow[] {
  const byIndex = new Map<number, string[]>();
  for (const { index, field, reason, duplicateOf } of errors) {
    // writeRows names an earlier row by its place in the batch; the user knows lines.
    const text = duplicateOf === undefined ? reason : duplicateReason(`line ${lines[duplicateOf]}`);
    const reasons = byIndex.get(index) ?? [];
    reasons.push(field ? `${describe(field)} ${text}` : text);
    byIndex.set(index, reasons);
  }
  return [...byIndex].map(([index, reasons]) => ({ line: lines[index]!, reasons }));
}
