import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AlertPolling, createAlertPolling } from '../../src/ingest/alerts/alert-polling.ts';
import { findPlaceWeather } from '../../src/store/weather/place-weather.ts';
import { alertFixture } from '../support/alert-fixtures.ts';
import { drivers } from '../support/databases.ts';
import { type FakeUpstream, startFakeUpstream } from '../support/fake-upstream.ts';
import { FIXTURE_NOW, useTestOrigin } from '../support/fixture.ts';

const quiet = { info: () => {}, warn: () => {} };
const FILES: Record<string, [string, string]> = {
  '/nws/alerts/active': ['nws-active.geojson', 'application/geo+json'],
  '/met/current.rss': ['metalerts.rss', 'application/rss+xml'],
  '/met/metalerts-gale.cap.xml': ['metalerts-gale.cap.xml', 'application/xml'],
  '/ma/feed.atom': ['meteoalarm-gb.atom', 'application/atom+xml'],
  '/ma/meteoalarm-gb-wind.cap.xml': ['meteoalarm-gb-wind.cap.xml', 'application/cap+xml'],
};

// The three feeds in their documented shapes, served on 127.0.0.1: polled by the adapters in
// process and on the job queue, their warnings reach the places they cover through the write path.
describe.each(drivers)('alert feeds polled ($name)', (driver) => {
  const origin = useTestOrigin(driver);
  let upstream: FakeUpstream;
  const pollings: AlertPolling[] = [];
  const it_ = it.skipIf(driver.skip);

  beforeAll(async () => {
    upstream = await startFakeUpstream('');
    upstream.answer((req) => {
      const file = FILES[req.url.pathname];
      if (req.url.pathname === '/broken') return { status: 502, body: 'bad gateway' };
      return file
        ? { status: 200, headers: { 'content-type': file[1] }, body: alertFixture(file[0]) }
        : { status: 404, body: 'no such feed' };
    });
  });
  afterAll(async () => {
    for (const p of pollings) await p.stop();
    await upstream?.close();
  });

  const polling = (feeds: { source: 'nws' | 'met-alerts' | 'meteoalarm'; path: string }[]) => {
    const p = createAlertPolling({
      db: origin().t.db,
      connection: origin().t.db.queue!,
      feeds: feeds.map((f) => ({ source: f.source, url: new URL(upstream.url + f.path) })),
      intervalMs: 60_000,
      userAgent: 'isobar-test ops@example.com',
      maxBytes: 1024 * 1024,
      now: () => FIXTURE_NOW,
      log: quiet,
      pollingIntervalSeconds: 0.5,
    });
    pollings.push(p);
    return p;
  };
  // Read from the database: the test origin's own cache is not told of writes made beside it.
  const shown = async (path: string) => {
    const [country, key] = path
      .replace(/\.json$/, '')
      .slice(1)
      .split('/');
    const pw = await findPlaceWeather(
      origin().t.db,
      country!,
      key!.toLowerCase(),
      new Date(FIXTURE_NOW),
    );
    return (pw?.alerts ?? []).map((a) => `${a.event} by ${a.issuer}`);
  };

  it_('reads the NWS and MetAlerts feeds with their linked CAP messages', async () => {
    const p = polling([]);
    const nws = await p.poll({ source: 'nws', url: new URL(`${upstream.url}/nws/alerts/active`) });
    expect(nws).toEqual({ messages: 2, places: 1 });
    expect(await shown('/US/New-York-City.json')).toEqual(['Wind Advisory by NWS Upton NY']);
    const met = await p.poll({
      source: 'met-alerts',
      url: new URL(`${upstream.url}/met/current.rss`),
    });
    // Troms has no place in the fixture catalog: stored, shown nowhere.
    expect(met).toEqual({ messages: 1, places: 0 });
    const agent = upstream.requests.find((r) => r.url.pathname === '/met/metalerts-gale.cap.xml');
    expect(agent?.headers['user-agent']).toBe('isobar-test ops@example.com');
  });

  it_('stores nothing of a feed that fails, and says why', async () => {
    const p = polling([]);
    await expect(p.poll({ source: 'nws', url: new URL(`${upstream.url}/broken`) })).rejects.toThrow(
      /502: bad gateway/,
    );
  });

  it_(
    'polls MeteoAlarm on the job queue until London shows its warning',
    {
      timeout: 30_000,
    },
    async () => {
      expect(await shown('/GB/London.json')).toEqual([]);
      await polling([{ source: 'meteoalarm', path: '/ma/feed.atom' }]).start();
      await expect
        .poll(() => shown('/GB/London.json'), { timeout: 20_000, interval: 250 })
        .toEqual(['Yellow Wind Warning by Met Office']);
      const atom = await origin().get('/GB/London/alerts.atom');
      expect(await atom.text()).toContain('<author><name>Met Office</name></author>');
    },
  );
});
