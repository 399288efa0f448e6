import type { OperationsSummary } from './summary.ts';

// The metrics are counters since the process started: one reading says how much in all, not
// how much lately. The operations page's time series come from a short ring of readings kept
// in the dashboard's process (the origin's own when the dashboard runs in it, as by default):
// one a minute by a timer, and one at each view of the page. Three hours of them is 180 small
// records; a restart empties the ring, as it resets the counters it is read from.

/** What one reading keeps of the metrics: the counters the series are worked out from. */
export interface Reading {
  /** When it was read, ms since the epoch. */
  at: number;
  requests: number;
  /** Micro-cache lookups, and of them the ones answered from the cache (hits and coalesced). */
  lookups: number;
  hits: number;
  /** Requests to upstream providers, answered (ok, not modified) and failed, by provider. */
  providers: Record<string, { ok: number; errors: number }>;
  /** The largest ingestion lag of any source at that time, in seconds; null with none. */
  lag: number | null;
}

export interface HistoryOptions {
  /** How many readings are kept (default 180: three hours at one a minute). */
  keep?: number;
  /** Readings closer than this to the last one replace it (default 30 s), so reloads of the
   * page do not push the hours out of the ring. */
  minGapMs?: number;
}

export interface OperationsHistory {
  record(summary: OperationsSummary, at: number): void;
  readings(): readonly Reading[];
}

/** The counters of one summary, as a reading. */
export function readingOf(s: OperationsSummary, at: number): Reading {
  const lags = s.ingestion.map((i) => i.lag).filter((l): l is number => l !== null);
  return {
    at,
    requests: s.routes.reduce((a, r) => a + r.count, 0),
    lookups: s.cache.hit + s.cache.miss + s.cache.coalesced + s.cache.stale,
    hits: s.cache.hit + s.cache.coalesced,
    providers: Object.fromEntries(
      s.providers.map((p) => [p.provider, { ok: p.ok + p.notModified, errors: p.errors }]),
    ),
    lag: lags.length ? Math.max(...lags) : null,
  };
}

/** A ring of readings, oldest first. */
export function createOperationsHistory(options: HistoryOptions = {}): OperationsHistory {
  const keep = options.keep ?? 180;
  const minGapMs = options.minGapMs ?? 30_000;
  const ring: Reading[] = [];
  return {
    record(summary, at) {
      const reading = readingOf(summary, at);
      const last = ring.at(-1);
      if (last && at - last.at < minGapMs && ring.length > 1) ring[ring.length - 1] = reading;
      else ring.push(reading);
      if (ring.length > keep) ring.splice(0, ring.length - keep);
    },
    readings: () => ring,
  };
}
