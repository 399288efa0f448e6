import type { Reading } from './history.ts';

/** One interval between two readings: what happened in it, per minute where it is a rate. */
export interface Interval {
  /** The end of the interval, ms since the epoch. */
  at: number;
  requestsPerMinute: number;
  /** Share of the interval's micro-cache lookups answered from the cache; null with none. */
  hitRatio: number | null;
  /** Provider requests in the interval, all providers together. */
  providerOk: number;
  providerErrors: number;
  /** The largest ingestion lag at the end of the interval, in seconds. */
  lag: number | null;
}

/** How much a counter grew; a counter that went back (a restart) grew by its new value. */
const grew = (before: number, after: number) => (after >= before ? after - before : after);

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

function providerGrowth(a: Reading, b: Reading, pick: 'ok' | 'errors') {
  return sum(
    Object.entries(b.providers).map(([name, now]) =>
      grew(a.providers[name]?.[pick] ?? 0, now[pick]),
    ),
  );
}

/** The intervals between consecutive readings, oldest first. */
export function intervals(readings: readonly Reading[]): Interval[] {
  const out: Interval[] = [];
  for (let i = 1; i < readings.length; i++) {
    const a = readings[i - 1]!;
    const b = readings[i]!;
    const minutes = Math.max(b.at - a.at, 1) / 60_000;
    const lookups = grew(a.lookups, b.lookups);
    out.push({
      at: b.at,
      requestsPerMinute: grew(a.requests, b.requests) / minutes,
      hitRatio: lookups === 0 ? null : grew(a.hits, b.hits) / lookups,
      providerOk: providerGrowth(a, b, 'ok'),
      providerErrors: providerGrowth(a, b, 'errors'),
      lag: b.lag,
    });
  }
  return out;
}

/** How a provider has fared lately: failing (errors, no answer), some errors, or well. */
export type ProviderState = 'failing' | 'errors' | 'ok';

/**
 * A provider's state over the last interval of the history, or over the whole life of the
 * process while there is no interval yet. Failing: it failed and answered nothing.
 */
export function providerState(
  name: string,
  counts: { ok: number; errors: number },
  readings: readonly Reading[],
): ProviderState {
  const [a, b] = readings.slice(-2);
  const recent =
    a && b?.providers[name]
      ? {
          ok: grew(a.providers[name]?.ok ?? 0, b.providers[name].ok),
          errors: grew(a.providers[name]?.errors ?? 0, b.providers[name].errors),
        }
      : counts;
  if (recent.errors === 0) return 'ok';
  return recent.ok === 0 ? 'failing' : 'errors';
}
