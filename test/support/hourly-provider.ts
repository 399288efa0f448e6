import { HOUR_MS } from '../../src/contract/durations.ts';
import type { FetchResult, Provider } from '../../src/ingest/providers/provider.ts';
import {
  createScheduler,
  type Scheduler,
  type SchedulerOptions,
} from '../../src/ingest/scheduling/scheduler.ts';
import type { TestOrigin } from './fixture.ts';
import { captureLog } from './provider-origin.ts';

export interface HourlyProvider extends Provider {
  /** Requests received, by location id. */
  calls: Map<number, number>;
  total(): number;
}

/**
 * A provider whose model publishes on the hour: each answer holds until the next one. It counts
 * what it is asked, so a test can hold the scheduler to "one request per place per update".
 */
export function hourlyProvider(dailyBudget: number, name = 'hourly-model'): HourlyProvider {
  const calls = new Map<number, number>();
  return {
    name,
    source: name,
    dailyBudget,
    calls,
    total: () => [...calls.values()].reduce((a, b) => a + b, 0),
    async fetch(place, _previous, now) {
      calls.set(place.id, (calls.get(place.id) ?? 0) + 1);
      return hourlyAnswer(name, place.geonamesId, now);
    },
  };
}

/** What an hourly model answers for a place at `now`: the hour's observation, 3 hours ahead. */
export function hourlyAnswer(source: string, geonamesId: number, now: Date): FetchResult {
  const hour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  const next = new Date(hour + HOUR_MS);
  const base = { place: geonamesId, source, next_update_at: next.toISOString() };
  return {
    status: 'updated',
    observations: [
      { ...base, observed_at: new Date(hour).toISOString(), condition: 'cloudy', temperature_c: 5 },
    ],
    forecasts: [1, 2, 3].map((h) => ({
      ...base,
      issued_at: new Date(hour).toISOString(),
      valid_at: new Date(hour + h * HOUR_MS).toISOString(),
      condition: 'rain',
      temperature_c: 5 + h,
    })),
    nextUpdateAt: next,
    conditional: { lastModified: null, expiresAt: null },
  };
}

/** A repeatable stand-in for Math.random (a linear congruential generator). */
export function seededRandom(seed = 42): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

/**
 * A scheduler for `provider` on a test origin's database and a test's clock, fetching for the
 * places people viewed in the last 6 hours; `options` adds or overrides the rest.
 */
export function viewedPlacesScheduler(
  o: TestOrigin,
  provider: Provider,
  clock: { now: number },
  options: Partial<SchedulerOptions> = {},
): Scheduler {
  return createScheduler({
    db: o.t.db,
    provider,
    now: () => clock.now,
    log: captureLog(),
    metrics: o.metrics,
    wanted: { listed: [], listOnly: false, recentMs: 6 * HOUR_MS },
    ...options,
  });
}
