import type { WriteCounts } from '../domain/changes.ts';
import type { SourceOutcome } from '../metrics/ingest-metrics.ts';

export type { SourceOutcome };

/** Where rows are counted whose source field is missing or not a valid source name. */
export const UNKNOWN_SOURCE = '_unknown';

export interface SourceTallyInput {
  /** The source of each row given, by its index in the batch. */
  sources: readonly string[];
  /** Indexes of the rows not stored because they were refused. */
  rejected: Iterable<number>;
  /** The rows stored (inserted, replaced or unchanged) by source, with the newest data time. */
  stored: readonly StoredOfSource[];
  /** What the store says it inserted and replaced, by source. */
  written: readonly (WriteCounts & { source: string })[];
}

export interface StoredOfSource {
  source: string;
  rows: number;
  newest: Date | null;
}

/** The rows stored of each source, and their newest data time: what tallyBySource takes. */
export function storedBySource<T>(
  rows: readonly T[],
  sourceOf: (row: T) => string,
  timeOf: (row: T) => Date | null,
): StoredOfSource[] {
  const bySource = new Map<string, { source: string; rows: number; newest: number }>();
  let last: { source: string; rows: number; newest: number } | undefined;
  for (const row of rows) {
    const source = sourceOf(row);
    // A batch's rows come in key order: a source's rows mostly follow each other.
    if (last?.source !== source) {
      last = bySource.get(source);
      if (!last) {
        last = { source, rows: 0, newest: Number.NEGATIVE_INFINITY };
        bySource.set(source, last);
      }
    }
    last.rows++;
    const at = timeOf(row)?.getTime();
    if (at !== undefined && at > last.newest) last.newest = at;
  }
  return [...bySource.values()].map(({ source, rows, newest }) => ({
    source,
    rows,
    newest: Number.isFinite(newest) ? new Date(newest) : null,
  }));
}

/** A batch's outcome by source: a stored row that was neither inserted nor replaced is unchanged. */
export function tallyBySource(input: SourceTallyInput): SourceOutcome[] {
  const tally = new Map<string, SourceOutcome>();
  const of = (source: string) => {
    let t = tally.get(source);
    if (!t) {
      t = { source, inserted: 0, replaced: 0, unchanged: 0, rejected: 0, newest: null };
      tally.set(source, t);
    }
    return t;
  };
  for (const index of input.rejected) of(input.sources[index] ?? UNKNOWN_SOURCE).rejected += 1;
  for (const { source, rows, newest } of input.stored) {
    const t = of(source);
    t.unchanged += rows;
    if (newest && (!t.newest || newest > t.newest)) t.newest = newest;
  }
  for (const w of input.written) {
    const t = of(w.source);
    t.inserted += w.inserted;
    t.replaced += w.replaced;
    t.unchanged -= w.inserted + w.replaced;
  }
  return [...tally.values()].sort((a, b) => a.source.localeCompare(b.source));
}
