import { Counter, Gauge, type Registry } from 'prom-client';
import type { RowKind } from '../domain/weather/weather.ts';

/** What one batch did for one source: rows by outcome, and the newest data time it stored. */
export interface SourceOutcome {
  source: string;
  inserted: number;
  replaced: number;
  /** Rows stored exactly as they were already. */
  unchanged: number;
  /** Rows not stored because they were refused (all-or-nothing: every row of a refused batch). */
  rejected: number;
  /**
   * The newest data time among the rows accepted: observed_at of observations, issued_at of
   * forecasts; null for daily summaries (a local date, not an instant) and when none was stored.
   */
  newest: Date | null;
}

/** Distinct sources given labels of their own; later ones are counted under OTHER_SOURCES. */
export const SOURCE_LABELS = 50;
/** The label of the sources past the first SOURCE_LABELS (no source name starts with "_"). */
export const OTHER_SOURCES = '_other';

const SOURCE_HELP = `source: the rows' source (after ${SOURCE_LABELS} distinct sources, further ones count as ${OTHER_SOURCES}; _unknown: rows naming no valid source)`;

/** Rows and data times stored by source, as the write API and providers store them. */
export interface IngestMetrics {
  rows: Counter<'source' | 'kind' | 'outcome'>;
  errors: Counter<'source' | 'reason'>;
  newest: Gauge<'source' | 'kind'>;
  lastWrite: Gauge<'source'>;
  /** Counts one batch's outcome by source; `now` is when it was stored (ms since the epoch). */
  recordWrite(kind: RowKind, bySource: readonly SourceOutcome[], now: number): void;
  /** Counts one failure to take data from a source: a refused batch, a failed provider request. */
  recordError(source: string, reason: string): void;
}

const OUTCOMES = ['inserted', 'replaced', 'unchanged', 'rejected'] as const;

export function createIngestMetrics(registers: Registry[]): IngestMetrics {
  const labelled = new Set<string>();
  const label = (source: string) => {
    if (labelled.has(source)) return source;
    if (labelled.size >= SOURCE_LABELS) return OTHER_SOURCES;
    labelled.add(source);
    return source;
  };
  // Gauges only move forward: a late or back-filled batch does not make a source look behind.
  const newestSeen = new Map<string, number>();
  const m = {
    rows: new Counter({
      name: 'isobar_ingest_rows_total',
      help: `Rows sent to the write API or stored from providers, by kind and outcome (inserted, replaced, unchanged, rejected: every row of a refused batch); ${SOURCE_HELP}`,
      labelNames: ['source', 'kind', 'outcome'] as const,
      registers,
    }),
    errors: new Counter({
      name: 'isobar_ingest_errors_total',
      help: `Failures to take data from a source: batches refused by the write API (invalid_rows), provider requests failed (their outcome); ${SOURCE_HELP}`,
      labelNames: ['source', 'reason'] as const,
      registers,
    }),
    newest: new Gauge({
      name: 'isobar_ingest_newest_seconds',
      help: `Unix time of the newest data stored by this process, by kind (observations: observed_at, forecasts: issued_at); ${SOURCE_HELP}`,
      labelNames: ['source', 'kind'] as const,
      registers,
    }),
    lastWrite: new Gauge({
      name: 'isobar_ingest_last_write_seconds',
      help: `Unix time this process last stored rows of a source; ${SOURCE_HELP}`,
      labelNames: ['source'] as const,
      registers,
    }),
  };
  return {
    ...m,
    recordWrite(kind, bySource, now) {
      for (const o of bySource) {
        const source = label(o.source);
        for (const outcome of OUTCOMES)
          if (o[outcome] > 0) m.rows.inc({ source, kind, outcome }, o[outcome]);
        if (o.inserted + o.replaced + o.unchanged > 0) m.lastWrite.set({ source }, now / 1000);
        if (!o.newest) continue;
        const key = `${source}\n${kind}`;
        const newest = Math.max(o.newest.getTime() / 1000, newestSeen.get(key) ?? 0);
        newestSeen.set(key, newest);
        m.newest.set({ source, kind }, newest);
      }
    },
    recordError(source, reason) {
      m.errors.inc({ source: label(source), reason });
    },
  };
}
