import { MINUTE_MS, SECOND_MS } from '../../contract/durations.ts';
import type { Place } from '../../domain/place.ts';
import type { HeldWeather } from '../../domain/weather/held-weather.ts';
import type { Queryable } from '../../store/database.ts';
import { claimPlace } from '../../store/providers/provider-places.ts';
import { seedDemoWeather } from '../demo/demo-source.ts';
import type { Provider } from '../providers/provider.ts';
import { DEFAULT_TIMING, type Timing } from './backoff.ts';
import {
  type Outcome,
  type ProviderLog,
  type ProviderMetrics,
  type RefreshDeps,
  refreshPlace,
  reserveFor,
} from './refresh-place.ts';

export interface WeatherOnDemandOptions {
  db: Queryable;
  /** The provider a first view asks (the first of PROVIDERS); null: demo weather only. */
  provider: Provider | null;
  now: () => number;
  log: ProviderLog;
  metrics: ProviderMetrics;
  timing?: Partial<Timing>;
  /** How long a view waits for its place's weather (default 3 s); the fetch goes on after it. */
  deadlineMs?: number;
  /** How long a claimed place is kept from the schedulers: longer than any request takes. */
  claimMs?: number;
  /** Places fetched at once; a view beyond it does not wait (the schedulers follow its count). */
  maxJobs?: number;
}

/** Weather for a place that has none (or only demo weather) when someone looks at it. */
export interface WeatherOnDemand {
  /**
   * Makes sure a place has weather, waiting at most the deadline: from the provider (one request
   * per place however many views ask, counted against its daily budget), or demo weather where
   * the provider cannot be reached or there is none. Resolves true when the store may hold
   * something new (read it again), false when nothing came in time; never rejects.
   */
  ensure(place: Place, held: HeldWeather): Promise<boolean>;
  /**
   * Demo weather for the hour at a place with no real data (none is written where there is):
   * what stands in where a provider cannot be reached, first view or scheduled fetch.
   */
  fallBack(place: Place): Promise<void>;
  /** Resolves once every fetch under way has ended (tests, and stopping). */
  settle(): Promise<void>;
}

/** What makes a place "offline" for a first view: no answer at all, or no request allowed. */
const UNREACHABLE = new Set<Outcome | 'no_provider' | 'not_due'>([
  'network',
  'timeout',
  'no_budget',
  'no_provider',
]);

/**
 * Fetches the weather of places people open before the schedulers have heard of them. Real data
 * goes through the write path as the schedulers' does (refreshPlace), and the place's schedule is
 * kept, so the scheduler keeps it fresh afterwards; demo weather, always labelled as such, fills
 * in where the provider cannot be reached, and real data replaces it once it can.
 */
export function createWeatherOnDemand(o: WeatherOnDemandOptions): WeatherOnDemand {
  const deadlineMs = o.deadlineMs ?? 3 * SECOND_MS;
  const claimMs = o.claimMs ?? MINUTE_MS;
  const maxJobs = o.maxJobs ?? 32;
  const jobs = new Map<number, Promise<void>>();

  async function fromProvider(place: Place): Promise<Outcome | 'no_provider' | 'not_due' | null> {
    const { provider } = o;
    if (!provider) return 'no_provider';
    const now = o.now();
    const until = new Date(now + claimMs);
    const schedule = await claimPlace(o.db, provider.name, place.id, new Date(now), until);
    // Fetched lately, backing off, or another process has it: nothing to do here.
    if (!schedule) return null;
    const deps: RefreshDeps = { ...o, provider, timing: { ...DEFAULT_TIMING, ...o.timing } };
    const reserved = await reserveFor(deps, schedule);
    if (reserved !== 'reserved') return reserved;
    return refreshPlace(deps, place, schedule);
  }

  async function run(place: Place, held: HeldWeather): Promise<void> {
    const outcome = await fromProvider(place);
    if (outcome === 'ok' || outcome === 'not_modified' || held === 'demo') return;
    // An overdue demo hour is renewed whatever kept the provider from answering; a place with
    // nothing gets demo weather only when the provider cannot be reached (a refusal or a 5xx is
    // retried by the scheduler, and the page says it is fetching meanwhile).
    const unreachable = outcome !== null && UNREACHABLE.has(outcome);
    if (held === 'nothing' && !unreachable) return;
    await fallBack(place);
  }

  async function fallBack(place: Place): Promise<void> {
    const written = await seedDemoWeather(o.db, { places: [place], now: new Date(o.now()) });
    if (written.places > 0 && o.provider) {
      o.log.info({ place: place.id }, `no answer from ${o.provider.name}: demo weather meanwhile`);
    }
  }

  return {
    ensure(place, held) {
      if (held === 'demo' && !o.provider) return Promise.resolve(false);
      let job = jobs.get(place.id);
      if (!job) {
        if (jobs.size >= maxJobs) return Promise.resolve(false);
        job = run(place, held)
          .catch((err: unknown) =>
            o.log.error({ err, place: place.id }, 'weather on demand failed'),
          )
          .finally(() => jobs.delete(place.id));
        jobs.set(place.id, job);
      }
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), deadlineMs);
      });
      return Promise.race([job.then(() => true), late]).finally(() => clearTimeout(timer));
    },
    fallBack,
    async settle() {
      while (jobs.size > 0) await Promise.all(jobs.values());
    },
  };
}
