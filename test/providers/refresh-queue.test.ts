import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/env.ts';
import { HOUR_MS } from '../../src/contract/durations.ts';
import type { Provider } from '../../src/ingest/providers/provider.ts';
import { ProviderError } from '../../src/ingest/providers/provider-http.ts';
import {
  createQueueRunner,
  type QueueRunner,
  type QueueRunnerOptions,
} from '../../src/ingest/scheduling/queue-runner.ts';
import {
  type ProviderService,
  startProviderService,
} from '../../src/ingest/scheduling/refresh-service.ts';
import { statement } from '../../src/store/index.ts';
import { addPlaceViews } from '../../src/store/providers/place-views.ts';
import { requestsUsed } from '../../src/store/providers/provider-budgets.ts';
import { type DriverCase, drivers } from '../support/databases.ts';
import { type FakeUpstream, startFakeUpstream } from '../support/fake-upstream.ts';
import { hourlyAnswer } from '../support/hourly-provider.ts';
import { metNorwayBody } from '../support/provider-bodies.ts';
import {
  captureLog,
  createProviderOrigin,
  type ProviderOrigin,
} from '../support/provider-origin.ts';

const placeIds = statement('test_queue_place_ids', 'SELECT id FROM locations ORDER BY id');

/**
 * A provider that takes many places a request, counting each place asked and the most requests
 * it had open at once; `hang`: never answers. `together`: a request stays open (past its 200 ms)
 * until that many have been open at once, or for at most 10 s, so that whether requests overlap
 * depends on the process's concurrency, not on how the queue's polls happen to fall on a busy
 * machine.
 */
function batchProvider(
  name: string,
  dailyBudget: number,
  { hang = false, together = 1 }: { hang?: boolean; together?: number } = {},
) {
  const calls = new Map<number, number>();
  let open = 0;
  const provider: Provider & {
    calls: Map<number, number>;
    total(): number;
    mostOpen: number;
  } = {
    name,
    source: name,
    dailyBudget,
    batchSize: 3,
    calls,
    mostOpen: 0,
    total: () => [...calls.values()].reduce((a, b) => a + b, 0),
    async fetchMany(places, now) {
      for (const p of places) calls.set(p.id, (calls.get(p.id) ?? 0) + 1);
      if (hang) return new Promise<never>(() => {});
      provider.mostOpen = Math.max(provider.mostOpen, ++open);
      const end = Date.now() + 10_000;
      await new Promise((resolve) => setTimeout(resolve, 200));
      while (provider.mostOpen < together && Date.now() < end) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      open--;
      return places.map((p) => hourlyAnswer(name, p.geonamesId, now));
    },
    async fetch(place, _previous, now) {
      return (await provider.fetchMany!([place], now))[0]!;
    },
  };
  return provider;
}

/** Waits until `done()` holds (polling); fails naming `what` after `ms`. */
async function until(what: string, done: () => boolean | Promise<boolean>, ms = 30_000) {
  const end = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > end) throw new Error(`still waiting for ${what} after ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.each(drivers)('refresh jobs on the queue ($name)', (driver: DriverCase) => {
  let o: ProviderOrigin | undefined;
  const runners: QueueRunner[] = [];
  const services: ProviderService[] = [];
  const upstreams: FakeUpstream[] = [];
  afterEach(async () => {
    for (const s of services.splice(0)) await s.stop();
    for (const r of runners.splice(0)) await r.stop({ graceful: false });
    for (const u of upstreams.splice(0)) await u.close();
    await o?.unfollow();
    await o?.t.dispose();
    o = undefined;
  });

  /** A queue worker: what one process (an origin or `isobar ingest`) runs, on the real clock. */
  function runner(provider: Provider, listed: number[], extra: Partial<QueueRunnerOptions> = {}) {
    const r = createQueueRunner({
      db: o!.t.db,
      provider,
      now: Date.now,
      log: captureLog(),
      metrics: o!.metrics,
      wanted: { listed, listOnly: false, recentMs: HOUR_MS },
      connection: o!.t.db.queue!,
      pollingIntervalSeconds: 0.5,
      superviseIntervalSeconds: 1,
      expireInSeconds: 3,
      retryDelaySeconds: 1,
      timing: { random: () => 0 },
      ...extra,
    });
    runners.push(r);
    return r;
  }

  it.skipIf(driver.skip)(
    'two workers never fetch the same place for the same update, and together never pass the budget',
    async () => {
      o = await createProviderOrigin(driver);
      const ids = await o.t.db.column<number>(placeIds);
      const provider = batchProvider('queue-model', 1000);
      const a = runner(provider, ids);
      const b = runner(provider, ids);
      // Both put every listed place on the queue at start: one job per place is kept. (One
      // after the other: the first installs the queue's schema.)
      await a.start();
      await b.start();
      await until('every place fetched', () => provider.calls.size === ids.length);
      await a.schedule(ids);
      await b.schedule(ids);
      // The jobs the views add find each place fresh: a second round would be seen here.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect([...provider.calls.values()].every((n) => n === 1)).toBe(true);
      expect(provider.total()).toBe(ids.length);

      const short = batchProvider('short-model', 4);
      const c = runner(short, ids, { now: () => Date.parse('2026-12-06T23:00:00Z') });
      const d = runner(short, ids, { now: () => Date.parse('2026-12-06T23:00:00Z') });
      await c.start();
      await d.start();
      await until('the budget spent', () => short.total() === 4);
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect(short.total()).toBe(4);
      const at = new Date('2026-12-06T23:00:00Z');
      expect(await requestsUsed(o.t.db, 'short-model', at)).toBe(4);
    },
    60_000,
  );

  it.skipIf(driver.skip)(
    'a process works one batch at a time unless PROVIDER_BATCHES_IN_FLIGHT says more',
    async () => {
      o = await createProviderOrigin(driver);
      const ids = await o.t.db.column<number>(placeIds);
      expect(ids.length).toBeGreaterThanOrEqual(9);
      const one = batchProvider('one-model', 1000);
      await runner(one, ids).start();
      await until('every place fetched', () => one.calls.size === ids.length);
      expect(one.mostOpen).toBe(1);
      const config = loadConfig({ PROVIDER_BATCHES_IN_FLIGHT: '3' });
      const three = batchProvider('three-model', 1000, { together: 3 });
      await runner(three, ids, { workers: config.PROVIDER_BATCHES_IN_FLIGHT }).start();
      await until('every place fetched', () => three.calls.size === ids.length);
      expect(three.mostOpen).toBe(3);
    },
    60_000,
  );

  it.skipIf(driver.skip)(
    'a job whose worker died mid-request is retried by another worker',
    async () => {
      o = await createProviderOrigin(driver);
      // Wanted by its views, not by a list, so that only the job put on the queue here exists.
      await addPlaceViews(o.t.db, [{ countryCode: 'GB', key: 'london', views: 3 }], new Date());
      const london = await o.placeId('GB/London');
      const dead = batchProvider('crash-model', 1000, { hang: true });
      const alive = batchProvider('crash-model', 1000);
      const a = runner(dead, []);
      await a.start();
      await a.schedule([london]);
      await until('the first worker to take the job', () => dead.calls.size === 1);
      // The process dies: its workers stop, its request never ends, nothing is completed.
      await a.stop({ graceful: false });
      const b = runner(alive, []);
      await b.start();
      await until('the job retried by the second worker', () => alive.calls.get(london) === 1);
      expect(dead.total()).toBe(1);
    },
    60_000,
  );

  it.skipIf(driver.skip)(
    'fills in again each time the first provider fails again, and only then',
    async () => {
      o = await createProviderOrigin(driver);
      await addPlaceViews(o.t.db, [{ countryCode: 'GB', key: 'london', views: 3 }], new Date());
      const london = await o.placeId('GB/London');
      const failing = batchProvider('failing-model', 1000);
      failing.fetchMany = async (places) => {
        for (const p of places) failing.calls.set(p.id, (failing.calls.get(p.id) ?? 0) + 1);
        throw new ProviderError('server_error', '503: down');
      };
      const next = batchProvider('next-model', 1000);
      const fallback = runner(next, [], { role: 'fallback' });
      const primary = runner(failing, [], {
        onFailover: (ids) => fallback.schedule(ids, true),
        backlogEveryMs: 0,
        // A second's backoff, so that the queue's retry (after 1 s) finds the place due again.
        timing: { random: () => 0, backoffMs: 1000 },
      });
      await fallback.start();
      await primary.start();
      await primary.schedule([london]);
      // The queue retries the failed job (after 1 s, then 2 s): each failure asks the next provider.
      await until('a second fill-in', () => (next.calls.get(london) ?? 0) >= 2);
      expect(next.calls.get(london)!).toBeLessThanOrEqual(failing.calls.get(london)!);
      // London, failing and backing off, counts as behind for the failing provider.
      const behind = await o.metrics.providerPlacesBehind.get();
      expect(behind.values.find((v) => v.labels.provider === 'failing-model')?.value).toBe(1);
    },
    60_000,
  );

  it.skipIf(driver.skip)(
    'a view on either origin reaches the queue within 5 s; a failing provider is filled in by the next, with its source in the document',
    async () => {
      o = await createProviderOrigin(driver);
      const failing = await startFakeUpstream('/v1/forecast');
      const met = await startFakeUpstream('/weatherapi/locationforecast/2.0/compact');
      upstreams.push(failing, met);
      failing.answer(() => ({ status: 503, body: 'down for maintenance' }));
      met.answer(() => ({
        status: 200,
        headers: { 'last-modified': new Date().toUTCString() },
        body: metNorwayBody(new Date(), { temperature: 17.5 }),
      }));
      const config = loadConfig({
        PROVIDERS: 'open-meteo,met-norway',
        OPEN_METEO_URL: failing.url,
        MET_NORWAY_URL: met.url,
        MET_NORWAY_USER_AGENT: 'isobar-test.example ops@isobar-test.example',
      });
      const service = () =>
        startProviderService({
          db: o!.t.db,
          config,
          log: captureLog(),
          metrics: o!.metrics,
          runner: 'queue',
          queue: { pollingIntervalSeconds: 0.5, superviseIntervalSeconds: 1 },
        });
      services.push(await service(), await service());
      const viewedAt = Date.now();
      services[1]!.onPlaceView('GB', 'london');
      await until('Open-Meteo asked for London', () => failing.requests.length > 0, 5_000);
      expect(Date.now() - viewedAt).toBeLessThan(5_000);
      expect(failing.requests[0]!.url.searchParams.get('latitude')).toBe('51.5085');
      await until('MET Norway filling in', () => met.requests.length > 0);
      o.clock.now = Date.now();
      await until('the document from MET Norway', async () => {
        const doc = await o!.getJson('/GB/London.json');
        return doc.current?.source === 'met-norway';
      });
      const doc = await o.getJson('/GB/London.json');
      expect(doc.current.source).toBe('met-norway');
      expect(doc.forecast.source).toBe('met-norway');
      expect(met.requests).toHaveLength(1);
    },
    60_000,
  );
});
