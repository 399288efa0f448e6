import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/env.ts';
import { HOUR_MS, MINUTE_MS } from '../../src/contract/durations.ts';
import {
  CALLS_PER_REQUEST,
  OPEN_METEO_CUSTOMER_URL,
  openMeteo,
} from '../../src/ingest/providers/open-meteo/open-meteo-client.ts';
import type { Provider } from '../../src/ingest/providers/provider.ts';
import type { Scheduler } from '../../src/ingest/scheduling/scheduler.ts';
import { drivers } from '../support/databases.ts';
import { type FakeUpstream, type Reply, startFakeUpstream } from '../support/fake-upstream.ts';
import { json } from '../support/fixture.ts';
import { openMeteoBody } from '../support/provider-bodies.ts';
import { useProviderOrigin } from '../support/provider-origin.ts';
import { storedObservations } from '../support/stored-rows.ts';

describe('Open-Meteo: where it asks', () => {
  it('uses the free endpoint, or the commercial one once an API key is set', async () => {
    const seen: string[] = [];
    const fetch = async (url: URL | string | Request) => {
      seen.push(String(url));
      return new Response('{}');
    };
    const place = { latitude: 51.50853, longitude: -0.12574, geonamesId: 1 } as never;
    for (const env of [{}, { OPEN_METEO_API_KEY: 'k3y' }]) {
      await openMeteo
        .create(loadConfig(env), { fetch: fetch as typeof globalThis.fetch })
        .fetch(place, { lastModified: null, expiresAt: null }, new Date())
        .catch(() => {});
    }
    expect(new URL(seen[0]!).origin + new URL(seen[0]!).pathname).toBe(
      'https://api.open-meteo.com/v1/forecast',
    );
    expect(seen[0]).not.toContain('apikey');
    expect(seen[1]!.startsWith(`${OPEN_METEO_CUSTOMER_URL}?`)).toBe(true);
    expect(new URL(seen[1]!).searchParams.get('apikey')).toBe('k3y');
  });
});

describe('Open-Meteo: its daily call limit', () => {
  it('counts the budget in calls as Open-Meteo weighs them (10 variables a call)', async () => {
    let asked: URL | undefined;
    const fetch = async (url: URL | string | Request) => {
      asked = new URL(String(url));
      return new Response('{}');
    };
    const provider = openMeteo.create(loadConfig({ OPEN_METEO_DAILY_BUDGET: '10000' }), {
      fetch: fetch as typeof globalThis.fetch,
    });
    const place = { latitude: 51.5, longitude: -0.12, geonamesId: 1 } as never;
    await provider
      .fetch(place, { lastModified: null, expiresAt: null }, new Date())
      .catch(() => {});
    const variables = ['current', 'hourly']
      .map((p) => asked!.searchParams.get(p)!.split(',').length)
      .reduce((a, b) => a + b);
    expect(variables).toBeGreaterThan(10);
    expect(CALLS_PER_REQUEST).toBe(variables / 10);
    // The free API's 10,000 calls a day are never exceeded, however many places are wanted.
    expect(provider.dailyBudget).toBe(Math.floor(10_000 / (variables / 10)));
    expect(provider.dailyBudget * CALLS_PER_REQUEST).toBeLessThanOrEqual(10_000);
  });
});

describe.each(drivers)('Open-Meteo against a fake server ($name)', (driver) => {
  const origin = useProviderOrigin(driver);
  let upstream: FakeUpstream;
  let provider: Provider;
  let scheduler: Scheduler;
  let london: number;

  beforeAll(async () => {
    if (driver.skip) return;
    upstream = await startFakeUpstream('/v1/forecast');
    const config = loadConfig({ OPEN_METEO_URL: upstream.url, OPEN_METEO_API_KEY: 'secret' });
    // Long enough for a loaded machine to answer; the hung connection waits it out.
    provider = openMeteo.create(config, { timeoutMs: 1500 });
    london = await origin().placeId('GB/London');
    scheduler = origin().scheduler(provider, [london]);
  });
  afterAll(async () => {
    await scheduler?.stop();
    await upstream?.close();
  });

  const due = () => origin().advance(2 * HOUR_MS);
  const serve = (reply: Reply) => upstream.answer(() => reply);

  it.skipIf(driver.skip)(
    'asks as documented and stores current and ten days of hours',
    async () => {
      const o = origin();
      serve({ status: 200, body: openMeteoBody(new Date(o.clock.now)) });
      const report = await scheduler.tick();
      expect(report.outcomes).toEqual({ ok: 1 });
      const q = upstream.requests[0]!.url.searchParams;
      expect(q.get('latitude')).toBe('51.5085');
      expect(q.get('longitude')).toBe('-0.1257');
      expect(q.get('current')?.split(',')).toContain('weather_code');
      expect(q.get('hourly')?.split(',')).toContain('precipitation_probability');
      expect([q.get('timezone'), q.get('forecast_hours'), q.get('apikey')]).toEqual([
        'GMT',
        '240',
        'secret',
      ]);
      const doc = await o.getJson('/GB/London.json');
      expect(doc.source).toBe('open-meteo');
      expect(doc.current).toMatchObject({ temperature: 10, condition: 'rain', wind_speed: 18.4 });
      // Ten days, every one of them hourly as Open-Meteo sends them, the two earlier hours left out.
      expect(doc.forecast.hours).toHaveLength(240);
      expect(doc.forecast.hours[0].time).toBe('2026-11-22T10:00:00.000Z');
      expect(doc.forecast.hours.at(-1).time).toBe('2026-12-02T09:00:00.000Z');
      expect(doc.forecast.hours.every((h: { period_hours: number }) => h.period_hours === 1)).toBe(
        true,
      );
      // A day entry for each local day, 22 Nov (from 10:00) to 2 Dec (to 09:00): eleven.
      const days = doc.forecast.days as {
        date: string;
        hours_covered: number;
        precipitation: number;
      }[];
      expect(days.map((d) => [d.date, d.hours_covered])).toEqual([
        ['2026-11-22', 14],
        // 23 Nov to 1 Dec, whole days.
        ...Array.from({ length: 9 }, (_, i) => [
          new Date(Date.UTC(2026, 10, 23 + i)).toISOString().slice(0, 10),
          24,
        ]),
        ['2026-12-02', 10],
      ]);
      // One hour in three has 0.2 mm: eight in a whole day.
      expect(days[1]!.precipitation).toBe(1.6);
      const page = await (await o.get('/GB/London')).text();
      expect(page.match(/<li data-date="/g)).toHaveLength(11);
      expect(page).toContain('<h2>Next 48 hours</h2>');
      expect(doc.updates.behind).toBe(false);
      // A scheduled refresh spends no purge downstream: what it replaces expires as it arrives.
      expect(o.purges).toEqual([]);
      // The rows it stored are counted as the source's, with the newest data time.
      const rows = (kind: string) =>
        o.counter('isobar_ingest_rows_total', { source: 'open-meteo', kind, outcome: 'inserted' });
      expect(await rows('observations')).toBe(1);
      expect(await rows('forecasts')).toBe(240);
      expect(
        await o.counter('isobar_ingest_newest_seconds', {
          source: 'open-meteo',
          kind: 'forecasts',
        }),
      ).toBeGreaterThan(0);
    },
  );

  it.skipIf(driver.skip)(
    'reads units other than the defaults (°F, knots, inches, feet)',
    async () => {
      const o = origin();
      due();
      const body = openMeteoBody(new Date(o.clock.now), { imperial: true });
      // An hour-long current step, so its precipitation is an hour's (see the test below).
      body.current.interval = 3600;
      serve({ status: 200, body });
      expect((await scheduler.tick()).outcomes).toEqual({ ok: 1 });
      const latest = (await storedObservations(o.t.db, london)).at(-1)!;
      expect(latest.source).toBe('open-meteo');
      expect(latest.temperatureC).toBeCloseTo(10, 4);
      expect(latest.windSpeedMs).toBeCloseTo((10 * 1852) / 3600, 4);
      expect(latest.windGustMs).toBeCloseTo((20 * 1852) / 3600, 4);
      expect(latest.precipitationMm).toBeCloseTo(2.54, 4);
    },
  );

  it.skipIf(driver.skip)(
    "leaves out current precipitation summed over 15 minutes, not the hour's",
    async () => {
      const o = origin();
      due();
      serve({ status: 200, body: openMeteoBody(new Date(o.clock.now)) });
      expect((await scheduler.tick()).outcomes).toEqual({ ok: 1 });
      const latest = (await storedObservations(o.t.db, london)).at(-1)!;
      expect(latest.precipitationMm).toBeNull();
      expect(latest.temperatureC).toBe(10);
    },
  );

  const failures: [string, Reply | (() => Reply), string][] = [
    [
      'a 429 with Retry-After',
      { status: 429, headers: { 'retry-after': '3600' }, body: {} },
      'rate_limited',
    ],
    ['a 500', { status: 500, body: 'upstream broke' }, 'server_error'],
    ['a hung connection', 'hang', 'timeout'],
    ['malformed JSON', { status: 200, body: '{"latitude": 51.5, "current": {' }, 'malformed'],
    [
      'a response missing fields',
      { status: 200, body: { latitude: 51.5, hourly: {} } },
      'malformed',
    ],
    [
      'an error object',
      { status: 400, body: { error: true, reason: 'Cannot initialize' } },
      'refused',
    ],
    [
      'a value no weather has',
      () => {
        const body = openMeteoBody(new Date(origin().clock.now));
        body.current.temperature_2m = 900;
        return { status: 200, body };
      },
      'malformed',
    ],
  ];

  it.skipIf(driver.skip).each(failures)(
    'keeps the stored data whole and serves it after %s',
    async (_what, reply, outcome) => {
      const o = origin();
      due();
      const before = await storedObservations(o.t.db, london);
      const doc = await o.getJson('/GB/London.json');
      upstream.answer(typeof reply === 'function' ? reply : () => reply);
      const sent = upstream.requests.length;
      expect((await scheduler.tick()).outcomes).toEqual({ [outcome]: 1 });
      expect(upstream.requests.length).toBe(sent + 1);
      expect(await storedObservations(o.t.db, london)).toEqual(before);
      const res = await o.get('/GB/London.json');
      expect(res.status).toBe(200);
      const after = await json(res);
      expect(after.current).toEqual(doc.current);
      expect(
        await o.counter('isobar_provider_requests_total', { provider: 'open-meteo', outcome }),
      ).toBeGreaterThan(0);
      expect(
        await o.counter('isobar_ingest_errors_total', { source: 'open-meteo', reason: outcome }),
      ).toBeGreaterThan(0);
      // Backed off: the next tick a minute later sends nothing.
      o.advance(MINUTE_MS / 2);
      expect((await scheduler.tick()).requests).toBe(0);
      expect(upstream.requests.length).toBe(sent + 1);
    },
  );

  it.skipIf(driver.skip)('waits out Retry-After before asking again', async () => {
    const o = origin();
    // A place of its own: the failures above have grown London's backoff past the hour. London's
    // scheduler gives the lease up, or Paris's could not fetch.
    await scheduler.stop();
    const paris = o.scheduler(provider, [await o.placeId('FR/Paris')]);
    serve({ status: 429, headers: { 'retry-after': '1800' }, body: {} });
    expect((await paris.tick()).outcomes).toEqual({ rate_limited: 1 });
    const sent = upstream.requests.length;
    o.advance(29 * MINUTE_MS);
    expect((await paris.tick()).requests).toBe(0);
    o.advance(2 * MINUTE_MS);
    serve({ status: 200, body: openMeteoBody(new Date(o.clock.now)) });
    expect((await paris.tick()).outcomes).toEqual({ ok: 1 });
    expect(upstream.requests.length).toBe(sent + 1);
    await paris.stop();
  });
});
