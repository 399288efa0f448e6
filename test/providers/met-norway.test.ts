import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/env.ts';
import { DAY_MS, MINUTE_MS } from '../../src/contract/durations.ts';
import { expiry, metNorway } from '../../src/ingest/providers/met-norway/met-norway-client.ts';
import type { Provider } from '../../src/ingest/providers/provider.ts';
import type { Scheduler } from '../../src/ingest/scheduling/scheduler.ts';
import { drivers } from '../support/databases.ts';
import { type FakeUpstream, type Reply, startFakeUpstream } from '../support/fake-upstream.ts';
import { json } from '../support/fixture.ts';
import { metNorwayBody } from '../support/provider-bodies.ts';
import { useProviderOrigin } from '../support/provider-origin.ts';
import { storedForecastHours, storedObservations } from '../support/stored-rows.ts';

const USER_AGENT = 'isobar-test.example ops@isobar-test.example';
const LAST_MODIFIED = 'Sun, 22 Nov 2026 09:55:00 GMT';

describe('MET Norway: its terms', () => {
  it('will not run without an identifying User-Agent with a contact', () => {
    expect(() => metNorway.create(loadConfig({}))).toThrow(ConfigError);
    expect(() => metNorway.create(loadConfig({}))).toThrow(/^MET_NORWAY_USER_AGENT: required/);
    expect(() => loadConfig({ MET_NORWAY_USER_AGENT: 'isobar' })).toThrow(/MET_NORWAY_USER_AGENT/);
    expect(metNorway.create(loadConfig({ MET_NORWAY_USER_AGENT: USER_AGENT })).source).toBe(
      'met-norway',
    );
  });
});

describe('MET Norway: Expires as the next update', () => {
  const now = new Date('2026-11-22T10:20:00Z');
  const expires = (at: Date) => new Headers({ expires: at.toUTCString() });
  it('is kept within a minute from now and 7 days ahead, as the write path stores it', () => {
    const soon = new Date(now.getTime() + 30 * MINUTE_MS);
    expect(expiry(expires(soon), now).getTime()).toBe(Math.floor(soon.getTime() / 1000) * 1000);
    const past = new Date(now.getTime() - DAY_MS);
    expect(expiry(expires(past), now).getTime()).toBe(now.getTime() + MINUTE_MS);
    const far = new Date(now.getTime() + 30 * DAY_MS);
    expect(expiry(expires(far), now).getTime()).toBe(now.getTime() + 7 * DAY_MS);
  });
});

describe('MET Norway: redirects', () => {
  it('follows one, as its terms require, still identifying itself', async () => {
    const upstream = await startFakeUpstream('/weatherapi/locationforecast/2.0/compact');
    try {
      const now = new Date('2026-11-22T10:20:00Z');
      upstream.answer((req) =>
        req.url.pathname.startsWith('/moved/')
          ? { status: 200, body: metNorwayBody(now) }
          : { status: 301, headers: { location: `/moved${req.url.pathname}${req.url.search}` } },
      );
      const config = loadConfig({
        MET_NORWAY_URL: upstream.url,
        MET_NORWAY_USER_AGENT: USER_AGENT,
      });
      const place = { latitude: 51.50853, longitude: -0.12574, geonamesId: 1 } as never;
      const result = await metNorway
        .create(config, { timeoutMs: 2_000 })
        .fetch(place, { lastModified: null, expiresAt: null }, now);
      expect(result.status).toBe('updated');
      expect(upstream.requests.map((r) => r.url.pathname + r.url.search)).toEqual([
        '/weatherapi/locationforecast/2.0/compact?lat=51.5085&lon=-0.1257',
        '/moved/weatherapi/locationforecast/2.0/compact?lat=51.5085&lon=-0.1257',
      ]);
      expect(upstream.requests[1]!.headers['user-agent']).toBe(USER_AGENT);
    } finally {
      await upstream.close();
    }
  });
});

describe.each(drivers)('MET Norway against a fake server ($name)', (driver) => {
  const origin = useProviderOrigin(driver);
  let upstream: FakeUpstream;
  let provider: Provider;
  let scheduler: Scheduler;
  let london: number;

  beforeAll(async () => {
    if (driver.skip) return;
    upstream = await startFakeUpstream('/weatherapi/locationforecast/2.0/compact');
    const config = loadConfig({ MET_NORWAY_URL: upstream.url, MET_NORWAY_USER_AGENT: USER_AGENT });
    // Long enough for a loaded machine to answer; the hung connection waits it out.
    provider = metNorway.create(config, { timeoutMs: 1500 });
    london = await origin().placeId('GB/London');
    scheduler = origin().scheduler(provider, [london]);
  });
  afterAll(async () => {
    await scheduler?.stop();
    await upstream?.close();
  });

  const at = (ms: number) => new Date(ms).toUTCString();
  const fresh = (extra: Record<string, string> = {}, status = 200): Reply => ({
    status,
    headers: {
      expires: at(origin().clock.now + 30 * MINUTE_MS),
      'last-modified': LAST_MODIFIED,
      ...extra,
    },
    body: metNorwayBody(new Date(origin().clock.now)),
  });

  it.skipIf(driver.skip)('identifies itself and sends coordinates to 4 decimals', async () => {
    const o = origin();
    upstream.answer(() => fresh());
    expect((await scheduler.tick()).outcomes).toEqual({ ok: 1 });
    const req = upstream.requests[0]!;
    expect(req.headers['user-agent']).toBe(USER_AGENT);
    expect(req.headers['if-modified-since']).toBeUndefined();
    expect(req.url.search).toBe('?lat=51.5085&lon=-0.1257');
    const doc = await o.getJson('/GB/London.json');
    expect(doc.source).toBe('met-norway');
    // MET Norway's licence (CC BY 4.0) asks for credit wherever its data is shown.
    const credit = 'Data from MET Norway (api.met.no), CC BY 4.0';
    expect(doc.attribution).toContain(credit);
    expect(await (await o.get('/GB/London')).text()).toContain(credit);
    expect(doc.current).toMatchObject({ condition: 'clear', temperature: 7, humidity: 88 });
    expect(doc.updates.next_update_at).toBe(
      new Date(o.clock.now + 30 * MINUTE_MS).toISOString().replace(/\.\d+Z/, '.000Z'),
    );
    expect(doc.forecast.hours.map((h: { condition: string }) => h.condition).slice(0, 6)).toEqual([
      'clear',
      'clear',
      'partly-cloudy',
      'cloudy',
      'fog',
      'rain',
    ]);
  });

  it.skipIf(driver.skip)(
    'stores its long forecast as sent: hourly, then 6-hour steps, to nine days and more',
    async () => {
      const o = origin();
      // The answer above, for 10:xx on 22 Nov: hourly to 24 Nov 23:00, then 6-hourly.
      const stored = (await storedForecastHours(o.t.db, london)).filter(
        (f) => f.source === 'met-norway',
      );
      const hourly = stored.filter((f) => f.periodHours === 1);
      const coarse = stored.filter((f) => f.periodHours === 6);
      expect([hourly.length, coarse.length]).toEqual([62, 27]);
      expect(hourly.at(-1)!.validAt.toISOString()).toBe('2026-11-24T23:00:00.000Z');
      expect(coarse[0]!.validAt.toISOString()).toBe('2026-11-25T00:00:00.000Z');
      // A 6-hour step keeps its own amount (6 hours'), never an hour's.
      expect(coarse.every((f) => f.precipitationMm === 3.1)).toBe(true);
      // The last step, instant only, says nothing of the weather after it and is left out.
      expect(stored.at(-1)!.validAt.toISOString()).toBe('2026-12-01T12:00:00.000Z');

      const doc = await o.getJson('/GB/London.json');
      const days = doc.forecast.days as {
        date: string;
        precipitation: number;
        hours_covered: number;
      }[];
      expect(days.map((d) => d.date)).toEqual(
        Array.from({ length: 10 }, (_, i) =>
          new Date(Date.UTC(2026, 10, 22 + i)).toISOString().slice(0, 10),
        ),
      );
      // A day of four 6-hour steps: 24 hours, four amounts of 3.1 mm.
      expect(days[3]).toMatchObject({ date: '2026-11-25', hours_covered: 24, precipitation: 12.4 });
      // A day of hourly steps: one hour in six has 0.4 mm.
      expect(days[1]).toMatchObject({ date: '2026-11-23', hours_covered: 24, precipitation: 1.6 });

      const page = await (await o.get('/GB/London')).text();
      expect(page.match(/<li data-date="/g)).toHaveLength(10);
      // The chart and the table stay hourly: the first two days' hours, never a 6-hour step.
      expect(page).toContain('<h2>Next 48 hours</h2>');
      const text = await (await o.get('/GB/London.txt')).text();
      expect(text).toContain('Tue 1 Dec');
    },
  );

  it.skipIf(driver.skip)('sends nothing before Expires', async () => {
    const o = origin();
    o.advance(20 * MINUTE_MS);
    expect((await scheduler.tick()).requests).toBe(0);
    expect(upstream.requests).toHaveLength(1);
  });

  it.skipIf(driver.skip)('repeats with If-Modified-Since and keeps its data on a 304', async () => {
    const o = origin();
    o.advance(11 * MINUTE_MS);
    const before = await storedObservations(o.t.db, london);
    const expires = o.clock.now + 45 * MINUTE_MS;
    upstream.answer(() => ({ status: 304, headers: { expires: at(expires) } }));
    expect((await scheduler.tick()).outcomes).toEqual({ not_modified: 1 });
    expect(upstream.requests.at(-1)!.headers['if-modified-since']).toBe(LAST_MODIFIED);
    const after = await storedObservations(o.t.db, london);
    expect(after.map(({ nextUpdateAt: _, ...rest }) => rest)).toEqual(
      before.map(({ nextUpdateAt: _, ...rest }) => rest),
    );
    expect(after.at(-1)!.nextUpdateAt.getTime()).toBe(Math.floor(expires / 1000) * 1000);
    await expect
      .poll(async () => (await o.getJson('/GB/London.json')).updates.next_update_at)
      .toBe(new Date(Math.floor(expires / 1000) * 1000).toISOString());
    // A scheduled refresh spends no purge downstream: what it replaces expires as it arrives.
    expect(o.purges).toEqual([]);
  });

  it.skipIf(driver.skip)('logs a 203 as a deprecation warning and still stores', async () => {
    const o = origin();
    o.advance(50 * MINUTE_MS);
    upstream.answer(() => fresh({}, 203));
    expect((await scheduler.tick()).outcomes).toEqual({ ok: 1 });
    expect(o.log.warnings.some((w) => /203: this version is deprecated/.test(w.message))).toBe(
      true,
    );
  });

  const failures: [string, Reply, string][] = [
    [
      'a 429 with Retry-After',
      { status: 429, headers: { 'retry-after': '600' }, body: '' },
      'rate_limited',
    ],
    ['a 503', { status: 503, body: 'maintenance' }, 'server_error'],
    ['a hung connection', 'hang', 'timeout'],
    ['malformed JSON', { status: 200, body: '{"type":"Feature","properties":' }, 'malformed'],
    [
      'a response missing fields',
      { status: 200, body: { type: 'Feature', properties: {} } },
      'malformed',
    ],
    ['a 403 (no User-Agent, by their account)', { status: 403, body: 'Forbidden' }, 'refused'],
  ];

  it.skipIf(driver.skip).each(failures)(
    'keeps the stored data whole and serves it after %s',
    async (_what, reply, outcome) => {
      const o = origin();
      o.advance(3 * 3_600_000);
      const before = await storedObservations(o.t.db, london);
      upstream.answer(() => reply);
      expect((await scheduler.tick()).outcomes).toEqual({ [outcome]: 1 });
      expect(await storedObservations(o.t.db, london)).toEqual(before);
      const res = await o.get('/GB/London.json');
      expect(res.status).toBe(200);
      expect((await json(res)).source).toBe('met-norway');
    },
  );

  it.skipIf(driver.skip)(
    'says the source is behind, cached until a write purges it, and recovers',
    async () => {
      const o = origin();
      const res = await o.get('/GB/London.json');
      expect(res.status).toBe(200);
      expect(res.headers.get('cdn-cache-control')).toMatch(/^public, max-age=900, /);
      expect((await json(res)).updates.behind).toBe(true);
      expect(await (await o.get('/GB/London')).text()).toContain('The source is behind');
      expect(await (await o.get('/GB/London.txt')).text()).toContain(
        'BEHIND: The source is behind',
      );
      o.advance(7 * 3_600_000);
      upstream.answer(() => fresh());
      expect((await scheduler.tick()).outcomes).toEqual({ ok: 1 });
      await expect
        .poll(async () => (await o.getJson('/GB/London.json')).updates.behind)
        .toBe(false);
    },
  );
});
