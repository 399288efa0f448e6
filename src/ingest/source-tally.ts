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
  /** The rows stored (inserted, replaced or unchanged), with their data time; empty if none. */
  stored: readonly { source: string; at: Date | null }[];
  /** What the store says it inserted and replaced, by source. */
  written: readonly (WriteCounts & { source: string })[];
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
  for (const { source, at } of input.stored) {
    const t = of(source);
    t.unchanged += 1;
    if (at && (!t.newest || at > t.newest)) t.newest = at;
  }
  for (const w of input.written) {
    const t = of(w.source);
    t.inserted += w.inserted;
    t.replaced += w.replaced;
    t.unchanged -= w.inserted + w.replaced;
  }
  return [...tally.values()].sort((a, b) => a.source.localeCompare(b.source));
}
