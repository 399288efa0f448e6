import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { num } from '../../src/dashboard/render/format.ts';
import { createMetrics } from '../../src/metrics/metrics.ts';
import { createIsobarApp } from '../../src/runtime/isobar-app.ts';
import { writeDashboardHistory } from '../support/dashboard-data.ts';
import { drivers } from '../support/databases.ts';
import { useTestOrigin } from '../support/fixture.ts';

// HTTP tests of the dashboard pages, in process: every page is built from the public API, so
// each test reads that API itself and checks the page shows what it says.
const driver = drivers[0]!;
const PERIOD = '?from=2026-11-01&to=2026-11-10';
const COMPARE = `/dashboard/compare?from=2026-11-01&places=GB%2FLondon%2CFR%2FParis&to=2026-11-10`;

describe('dashboard pages', () => {
  const origin = useTestOrigin(driver);
  beforeAll(async () => {
    await writeDashboardHistory(origin().app, origin().t.db);
  }, 120_000);
  const get = (path: string, headers?: Record<string, string>) => origin().get(path, headers);
  const api = (path: string) => origin().getJson(path);

  it("shows a place's daily series, climatology, records and today's anomaly from the API", async () => {
    const res = await get(`/dashboard/GB/London${PERIOD}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await res.text();
    const daily = await api(`/v1/locations/GB/London/stats/daily${PERIOD}`);
    expect(daily.days).toHaveLength(10);
    for (const day of daily.days) {
      expect(day.temperature_mean).toEqual(expect.any(Number));
      expect(page).toContain(
        `<th scope="row">${day.date}</th><td>${num(day.temperature_min)}</td><td>${num(day.temperature_mean)}</td>`,
      );
    }
    const records = await api('/v1/locations/GB/London/stats/records');
    expect(records.hottest.length).toBeGreaterThan(0);
    expect(page).toContain(
      `${num(records.hottest[0].value)} <a href="/GB/London/${records.hottest[0].date}">`,
    );
    const climatology = await api('/v1/locations/GB/London/stats/climatology');
    const november = climatology.months[10];
    expect(page).toContain(
      `<th scope="row">Nov</th><td>${november.days}</td><td>${num(november.temperature_mean)}</td>`,
    );
    const anomaly = await api('/v1/locations/GB/London/stats/anomaly?date=2026-11-22');
    expect(page).toContain('id="anomaly"');
    expect(page).toContain('Today (2026-11-22)');
    if (anomaly.difference !== null) expect(page).toContain(num(anomaly.difference));
    // The state the script redraws from is the API's own document.
    const state = /<script type="application\/json" id="dashboard-state">(.*?)<\/script>/s.exec(
      page,
    );
    expect(JSON.parse(state![1]!).daily).toEqual(daily);
  });

  it('is cacheable like the data it shows, with an ETag, a Cache-Tag and 304s', async () => {
    const res = await get(`/dashboard/GB/London${PERIOD}`);
    expect(res.headers.get('cdn-cache-control')).toMatch(/^public, max-age=\d+/);
    expect(res.headers.get('cache-tag')).toContain('place:GB/London');
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^"/);
    expect((await get(`/dashboard/GB/London${PERIOD}`, { 'if-none-match': etag })).status).toBe(
      304,
    );
  });

  it('shows the last 30 days, today included, when the URI names no period', async () => {
    const page = await (await get('/dashboard/GB/London')).text();
    expect(page).toContain('Daily values, 2026-10-24 to 2026-11-22');
    expect(page).toContain('name="from" value="2026-10-24"');
  });

  it.each([
    [`/dashboard/gb/london${PERIOD}`, `/dashboard/GB/London${PERIOD}`],
    [`/dashboard/UK/London/${PERIOD}`, `/dashboard/GB/London${PERIOD}`],
    ['/dashboard/GB/London?to=2026-11-10&from=2026-11-01', `/dashboard/GB/London${PERIOD}`],
    ['/dashboard/GB/London?from=2026-11-1&to=2026-11-10', `/dashboard/GB/London${PERIOD}`],
    ['/dashboard/GB/London?from=2026-11-01', '/dashboard/GB/London?from=2026-11-01&to=2026-12-01'],
    ['/dashboard/de/m%C3%BCnchen', '/dashboard/DE/Munchen'],
    ['/dashboard/compare?places=gb/london,fr/paris&from=2026-11-01&to=2026-11-10', COMPARE],
  ])('answers %s with a cacheable 301 to %s', async (path, location) => {
    const res = await get(path);
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe(location);
    expect(res.headers.get('cdn-cache-control')).toMatch(/^public, max-age=86400/);
  });

  it.each([
    [
      '/dashboard/GB/London?from=2026-11-10&to=2026-11-01',
      '"to" (2026-11-01) comes before "from" (2026-11-10)',
    ],
    ['/dashboard/GB/London?from=2026-02-30&to=2026-03-10', 'there is no 2026-02-30'],
    ['/dashboard/GB/London?from=2025-01-01&to=2026-11-01', 'at most 366 can be shown'],
    ['/dashboard/GB/London?to=2026-11-01', 'give "from" as well as "to"'],
    ['/dashboard/GB/London?from=tuesday&to=2026-11-01', '"from" must be a date written YYYY-MM-DD'],
    ['/dashboard/compare?places=GB/London', 'compare 2 to 4 places; 1 given'],
    ['/dashboard/compare?places=GB/London,FR/Paris,DE/Munchen,US/London,CA/London', '5 given'],
    ['/dashboard/compare?places=GB/London,FR/Paris&from=2026-11-10&to=2026-11-01', 'comes before'],
    ['/dashboard/compare?places=GB/London,gb/london', 'compare 2 different places'],
  ])('refuses %s with a 400 page saying why', async (path, message) => {
    const res = await get(path);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const page = await res.text();
    expect(page).toContain(message.replace(/"/g, '&quot;'));
    expect(page).not.toContain('dashboard-state');
  });

  it('answers an unknown place with a 404 page cached for a minute', async () => {
    for (const path of [
      '/dashboard/GB/Atlantis',
      '/dashboard/compare?places=GB/London,FR/Atlantis',
    ]) {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control')).toMatch(/^public, max-age=60/);
      const page = await res.text();
      expect(page).toContain('no place &quot;atlantis&quot; is known');
      // A way on that works: a search form (a bare link to /search would land on a 400).
      expect(page).toMatch(/<form class="search" action="\/search" method="get"/);
      expect(page).toMatch(/<input id="error-q" type="search" name="q" [^>]*required>/);
      expect(page).not.toContain('href="/search"');
    }
  });

  it('compares places on one page, from their daily series', async () => {
    const res = await get(COMPARE);
    expect(res.status).toBe(200);
    const page = await res.text();
    const london = await api(`/v1/locations/GB/London/stats/daily${PERIOD}`);
    const paris = await api(`/v1/locations/FR/Paris/stats/daily${PERIOD}`);
    for (const [i, day] of london.days.entries()) {
      expect(page).toContain(
        `<th scope="row">${day.date}</th><td>${num(day.temperature_mean)}</td><td>${num(paris.days[i].temperature_mean)}</td>`,
      );
    }
    expect(res.headers.get('cache-tag')).toContain('place:FR/Paris');
  });

  it('serves the chart library and its own files from this origin, immutable, by content', async () => {
    const page = await (await get(`/dashboard/GB/London${PERIOD}`)).text();
    const uris = [...page.matchAll(/(?:src|href)="(\/dashboard\/assets\/[^"]+)"/g)].map(
      (m) => m[1]!,
    );
    expect(uris.some((u) => /\/uplot-1\.6\.\d+-[0-9a-f]{12}\.js$/.test(u))).toBe(true);
    expect(uris).toHaveLength(4);
    for (const uri of uris) {
      const res = await get(uri);
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toContain('immutable');
      expect(res.headers.get('content-type')).toMatch(/^text\/(javascript|css)/);
    }
    expect((await get('/dashboard/assets/uplot-0.0.1-000000000000.js')).status).toBe(404);
  });

  it('serves its script, bundled from the TypeScript sources, at a URI named by its content', async () => {
    const page = await (await get(COMPARE)).text();
    const uri = /src="(\/dashboard\/assets\/dashboard-([0-9a-f]{12})\.js)"/.exec(page);
    expect(uri).not.toBeNull();
    const res = await get(uri![1]!);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toMatch(/max-age=31536000\b.*immutable/);
    const script = await res.text();
    expect(createHash('sha256').update(script).digest('hex').slice(0, 12)).toBe(uri![2]);
    // The browser's copy of the comparison tables is the server's own renderer.
    expect(script).toContain('The period at each place');
    const etag = res.headers.get('etag')!;
    expect((await get(uri![1]!, { 'if-none-match': etag })).status).toBe(304);
    expect((await get('/dashboard/assets/dashboard-000000000000.js')).status).toBe(404);
  });

  it('shows requests, the micro-cache, queries, ingestion and purges on the operations page', async () => {
    await get(`/dashboard/GB/London${PERIOD}`);
    const res = await get('/dashboard/operations');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, max-age=5');
    const page = await res.text();
    const pages = await origin().counter('isobar_http_requests_total', {
      route: 'dashboard-place',
      status: '200',
    });
    expect(page).toContain(`<th scope="row">dashboard-place</th><td>200</td><td>${pages}</td>`);
    const written = await origin().counter('isobar_ingest_rows_total', {
      source: 'test-station',
      outcome: 'inserted',
    });
    expect(written).toBeGreaterThan(0);
    expect(page).toContain(
      `<th scope="row">test-station</th><td>${written.toLocaleString('en')} (0 unchanged)</td>`,
    );
    for (const id of [
      'routes-table',
      'ingestion-table',
      'queries-table',
      'providers-table',
      'purges-table',
      'cache-ratio',
    ])
      expect(page).toContain(`id="${id}"`);
  });

  it('keeps the operations page from addresses outside METRICS_ALLOW', async () => {
    const outsider = createIsobarApp({
      db: origin().t.db,
      metrics: createMetrics(),
      client: { socketAddress: () => '203.0.113.9' },
      log: { error: () => {} },
    });
    const res = await outsider.request('/dashboard/operations');
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('METRICS_ALLOW');
  });
});
