import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/env.ts';
import { HOUR_MS, MINUTE_MS } from '../../src/contract/durations.ts';
import {
  type ProviderService,
  startProviderService,
} from '../../src/ingest/scheduling/refresh-service.ts';
import { statement } from '../../src/store/index.ts';
import { drivers } from '../support/databases.ts';
import { type FakeUpstream, startFakeUpstream } from '../support/fake-upstream.ts';
import { FIXTURE_PLACES, json, placeLoads } from '../support/fixture.ts';
import { closedPort } from '../support/http-origin.ts';
import { openMeteoBody } from '../support/provider-bodies.ts';
import { createProviderOrigin, type ProviderOrigin, TROMSO } from '../support/provider-origin.ts';

// The catalog's least populous place is the one createTestOrigin leaves without demo weather.
const PLACES = [...FIXTURE_PLACES.filter((p) => p.population > TROMSO.population), TROMSO];
const OPEN_METEO_CREDIT = 'Weather data by Open-Meteo.com, CC BY 4.0';

const schedule = statement(
  'test_first_view_schedule',
  `SELECT s.failures, s.next_fetch_at AS "nextFetchAt" FROM provider_places s
     JOIN locations l ON l.id = s.location_id
    WHERE s.provider = $1 AND l.country_code = $2 AND l.slug = $3`,
);
const budgetUsed = statement(
  'test_first_view_budget',
  'SELECT coalesce(sum(used), 0)::int AS used FROM provider_budgets WHERE provider = $1',
);

describe.each(drivers)('the first view of a place with no weather ($name)', (driver) => {
  let o: ProviderOrigin | undefined;
  let service: ProviderService | undefined;
  let upstream: FakeUpstream | undefined;

  /**
   * The provider origin with the first-view hook of a provider service built from `env`. The
   * deadline is long unless a test is about passing it, so a busy machine cannot turn an answer
   * with data into "fetching".
   */
  async function start(env: Record<string, string>, firstViewDeadlineMs = 20_000) {
    const origin = await createProviderOrigin(driver, (cc, key) => service?.onPlaceView(cc, key), {
      places: PLACES,
      ensureWeather: (place, held) => service!.ensureWeather!(place, held),
    });
    o = origin;
    service = await startProviderService({
      db: origin.t.db,
      config: loadConfig(env),
      log: origin.log,
      metrics: origin.metrics,
      now: () => origin.clock.now,
      // Long enough that a first view claims its place before the tick its view wakes runs.
      wakeDelayMs: 1_000,
      firstViewDeadlineMs,
      scheduler: { timing: { random: () => 0 } },
      // The in-process runner, on the test's clock (the queue runs on the database's).
      runner: 'local',
    });
    return origin;
  }

  afterEach(async () => {
    await service?.stop();
    await upstream?.close();
    await o?.unfollow();
    await o?.t.dispose();
    [o, service, upstream] = [undefined, undefined, undefined];
  });

  it.skipIf(driver.skip)(
    'offline: answers labelled demo weather at once, and real data replaces it once the provider answers',
    async () => {
      const port = await closedPort();
      const origin = await start({ OPEN_METEO_URL: `http://127.0.0.1:${port}/v1/forecast` });
      const res = await origin.get('/NO/Tromso.json');
      expect(res.status).toBe(200);
      const doc = await json(res);
      expect(doc).toMatchObject({ source: 'demo', current: { source: 'demo' } });
      expect(doc.notice).toMatch(/^Demo data/);
      expect(doc.fetching).toBeUndefined();
      const page = await (await origin.get('/NO/Tromso')).text();
      expect(page).toContain('<strong>Demo data:</strong>');
      expect(page).not.toContain('No current conditions');
      expect(await (await origin.get('/NO/Tromso.txt')).text()).toContain('NOTE: Demo data');
      // The provider is tried again later: the place backs off, it is not forgotten.
      const [tried] = await origin.t.db.all<{ failures: number; nextFetchAt: Date }>(schedule, [
        'open-meteo',
        'NO',
        'Tromso',
      ]);
      expect(tried!.failures).toBe(1);

      // The network comes back (on the same address), and the backoff ends.
      upstream = await startFakeUpstream('/v1/forecast', port);
      upstream.answer(() => ({ status: 200, body: openMeteoBody(new Date(origin.clock.now)) }));
      await service!.settle();
      origin.advance(2 * MINUTE_MS);
      await service!.schedulers[0]!.tick();
      expect(upstream.requests).toHaveLength(1);
      await expect
        .poll(async () => (await origin.getJson('/NO/Tromso.json')).source)
        .toBe('open-meteo');
      const real = await origin.getJson('/NO/Tromso.json');
      expect(real.notice).toBeUndefined();
      expect(real.attribution).toContain(OPEN_METEO_CREDIT);
    },
  );

  it.skipIf(driver.skip)(
    'offline, a place the scheduler asks for gets labelled demo weather too',
    async () => {
      const port = await closedPort();
      const origin = await start({
        OPEN_METEO_URL: `http://127.0.0.1:${port}/v1/forecast`,
        PROVIDER_PLACES: 'NO/Tromso',
      });
      await service!.schedulers[0]!.tick();
      // Backing off now, so a view cannot have asked (or written) for itself.
      const doc = await origin.getJson('/NO/Tromso.json');
      expect(doc).toMatchObject({ source: 'demo', current: { source: 'demo' } });
      expect(doc.notice).toMatch(/^Demo data/);
    },
  );

  it.skipIf(driver.skip)(
    "answers with the provider's data; 100 concurrent first views cost one request, later views none",
    async () => {
      upstream = await startFakeUpstream('/v1/forecast');
      const origin = await start({ OPEN_METEO_URL: upstream.url });
      // Slow enough that every view arrives while the one request is under way.
      upstream.answer(() => ({
        status: 200,
        body: openMeteoBody(new Date(origin.clock.now), { temperature: 3 }),
        delayMs: 150,
      }));
      const paths = ['/NO/Tromso.json', '/NO/Tromso', '/NO/Tromso.txt'];
      const answers = await Promise.all(
        Array.from({ length: 100 }, (_, i) => origin.get(paths[i % 3]!)),
      );
      expect(answers.map((r) => r.status)).toEqual(Array(100).fill(200));
      expect(upstream.requests).toHaveLength(1);
      const q = upstream.requests[0]!.url.searchParams;
      expect([q.get('latitude'), q.get('longitude')]).toEqual(['69.6489', '18.955']);
      const doc = await json(answers[0]!);
      expect(doc).toMatchObject({ source: 'open-meteo', current: { temperature: 3 } });
      expect(doc.attribution).toContain(OPEN_METEO_CREDIT);
      expect(await answers[1]!.text()).toContain(OPEN_METEO_CREDIT);
      // Counted against the day's budget, and scheduled for its next update.
      expect((await origin.t.db.one<{ used: number }>(budgetUsed, ['open-meteo']))!.used).toBe(1);

      for (const path of [...paths, ...paths]) expect((await origin.get(path)).status).toBe(200);
      await service!.settle();
      expect(upstream.requests).toHaveLength(1);
    },
  );

  it.skipIf(driver.skip)(
    'past the deadline, says it is fetching for a few seconds; the next view after the fetch has the data',
    async () => {
      upstream = await startFakeUpstream('/v1/forecast');
      const origin = await start({ OPEN_METEO_URL: upstream.url }, 50);
      upstream.answer(() => ({
        status: 200,
        body: openMeteoBody(new Date(origin.clock.now)),
        delayMs: 600,
      }));
      const res = await origin.get('/NO/Tromso.json');
      expect(res.status).toBe(200);
      const doc = await json(res);
      expect(doc).toMatchObject({ source: null, fetching: true, current: null });
      expect(doc.forecast.hours).toEqual([]);
      expect(res.headers.get('cache-control')).toBe('public, max-age=5');
      expect(res.headers.get('cdn-cache-control')).toBe('public, max-age=5');
      const page = await origin.get('/NO/Tromso');
      const html = await page.text();
      expect(html).toContain('<meta http-equiv="refresh" content="5">');
      expect(html).toContain('Fetching the weather for Tromsø now');
      expect(page.headers.get('cdn-cache-control')).toBe('public, max-age=5');
      expect(await (await origin.get('/NO/Tromso.txt')).text()).toContain('FETCHING:');

      await service!.settle();
      // The write's announcement drops the cached "fetching" answers (as in every origin).
      await expect
        .poll(async () => (await origin.getJson('/NO/Tromso.json')).source)
        .toBe('open-meteo');
      const after = await origin.getJson('/NO/Tromso.json');
      expect(after.fetching).toBeUndefined();
      expect(await (await origin.get('/NO/Tromso')).text()).not.toContain('http-equiv="refresh"');
      expect(upstream.requests).toHaveLength(1);
    },
  );

  it.skipIf(driver.skip)(
    'a provider that fails (not offline) leaves nothing written: fetching, and tried again later',
    async () => {
      upstream = await startFakeUpstream('/v1/forecast');
      const origin = await start({ OPEN_METEO_URL: upstream.url });
      upstream.answer(() => ({ status: 500, body: 'upstream broke' }));
      const res = await origin.get('/NO/Tromso.json');
      expect(res.status).toBe(200);
      expect(await json(res)).toMatchObject({ fetching: true, current: null, source: null });
      const [tried] = await origin.t.db.all<{ failures: number }>(schedule, [
        'open-meteo',
        'NO',
        'Tromso',
      ]);
      expect(tried!.failures).toBe(1);
    },
  );

  it.skipIf(driver.skip)(
    "with the day's budget spent, asks nothing upstream and answers labelled demo weather",
    async () => {
      upstream = await startFakeUpstream('/v1/forecast');
      const origin = await start({ OPEN_METEO_URL: upstream.url, OPEN_METEO_DAILY_BUDGET: '0' });
      upstream.answer(() => ({ status: 200, body: openMeteoBody(new Date(origin.clock.now)) }));
      const doc = await origin.getJson('/NO/Tromso.json');
      expect(doc).toMatchObject({ source: 'demo', current: { source: 'demo' } });
      await service!.settle();
      expect(upstream.requests).toHaveLength(0);
    },
  );

  it.skipIf(driver.skip)(
    'a place that has only demo weather shows real weather on its first view',
    async () => {
      upstream = await startFakeUpstream('/v1/forecast');
      const origin = await start({ OPEN_METEO_URL: upstream.url });
      upstream.answer(() => ({ status: 200, body: openMeteoBody(new Date(origin.clock.now)) }));
      const page = await (await origin.get('/GB/Manchester')).text();
      expect(page).toContain(OPEN_METEO_CREDIT);
      expect(page).not.toContain('<strong>Demo data:</strong>');
      expect(upstream.requests).toHaveLength(1);
    },
  );

  it.skipIf(driver.skip)(
    'PROVIDERS=demo: demo weather for any place on demand, renewed each hour, nothing asked upstream',
    async () => {
      upstream = await startFakeUpstream('/v1/forecast');
      upstream.answer(() => ({ status: 200, body: openMeteoBody(new Date()) }));
      const origin = await start({ PROVIDERS: 'demo', OPEN_METEO_URL: upstream.url });
      expect(service!.providers).toEqual([]);
      expect(service!.schedulers).toEqual([]);
      const doc = await origin.getJson('/NO/Tromso.json');
      expect(doc).toMatchObject({
        source: 'demo',
        current: { observed_at: '2026-11-22T10:00:00.000Z' },
      });
      expect(doc.notice).toMatch(/^Demo data/);
      expect((await origin.getJson('/GB/Manchester.json')).source).toBe('demo');
      // A place whose demo hour stands is read once, as before: nothing to wait for.
      const before = await placeLoads(origin);
      expect((await origin.get('/GB/Manchester')).status).toBe(200);
      expect(await placeLoads(origin)).toBe(before + 1);

      // An hour on, the place's demo hour is renewed on its next view.
      origin.advance(HOUR_MS);
      await expect
        .poll(async () => (await origin.getJson('/NO/Tromso.json')).current?.observed_at)
        .toBe('2026-11-22T11:00:00.000Z');
      await service!.settle();
      expect(upstream.requests).toHaveLength(0);
    },
  );
});
