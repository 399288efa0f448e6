import { describe, expect, it } from 'vitest';
import { createApiClient, type Fetch } from '../../src/dashboard/api-client.ts';
import { dailyStatsSchema } from '../../src/http/statistics/stats-document-schemas.ts';
import { createMetrics } from '../../src/metrics/metrics.ts';
import { createIsobarApp } from '../../src/runtime/isobar-app.ts';
import { startNodeServer } from '../../src/runtime/node.ts';
import { writeDashboardHistory } from '../support/dashboard-data.ts';
import { drivers } from '../support/databases.ts';
import { useServedOrigin } from '../support/fixture.ts';

// The dashboard as a consumer of the API over real HTTP: an origin on an ephemeral port, and
// the client (or a whole dashboard app) reading it like any outside program.
const PATH = '/v1/locations/GB/London/stats/daily?from=2026-11-01&to=2026-11-10';

describe('the dashboard over real HTTP', () => {
  /** Every request the client sent, and the status it got, as seen on the wire. */
  const wire: { url: string; ifNoneMatch: string | null; status: number }[] = [];
  const recording: Fetch = async (request) => {
    const response = await fetch(request);
    wire.push({
      url: request.url,
      ifNoneMatch: request.headers.get('if-none-match'),
      status: response.status,
    });
    return response;
  };

  const served = useServedOrigin(drivers[0]!, {}, (o) => writeDashboardHistory(o.app, o.t.db));

  it('revalidates a kept document with If-None-Match and reuses its body on a 304', async () => {
    const api = createApiClient({ baseUrl: served.base, fetch: recording });
    wire.length = 0;
    const first = await api.get(PATH);
    expect(first.status).toBe(200);
    expect(first.revalidated).toBe(false);
    expect(dailyStatsSchema.parse(first.body).days).toHaveLength(10);
    const second = await api.get(PATH);
    expect(wire).toHaveLength(2);
    expect(wire[0]!.ifNoneMatch).toBeNull();
    expect(wire[1]!.ifNoneMatch).toMatch(/^"/);
    expect(wire[1]!.status).toBe(304);
    expect(second.revalidated).toBe(true);
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(second.cacheControl).toMatch(/max-age=/);
  });

  it('follows a 301 to the canonical URI and keeps the document under it', async () => {
    const api = createApiClient({ baseUrl: served.base, fetch: recording });
    wire.length = 0;
    const answer = await api.get('/v1/locations/gb/london');
    expect(answer.status).toBe(200);
    expect(answer.path).toBe('/v1/locations/GB/London');
    expect(wire.map((w) => w.status)).toEqual([301, 200]);
    await api.get('/v1/locations/GB/London');
    expect(wire[2]).toMatchObject({ status: 304 });
  });

  it('keeps at most its byte bound of bodies, dropping the least recently used', async () => {
    const paths = [10, 11, 12, 13, 14, 15].map(
      (day) => `/v1/locations/GB/London/stats/daily?from=2026-10-${day}&to=2026-11-${day}`,
    );
    const sizing = createApiClient({ baseUrl: served.base });
    await sizing.get(paths[0]!);
    const one = sizing.stats.bytes;
    const api = createApiClient({ baseUrl: served.base, maxBytes: Math.floor(one * 4.5) });
    for (const path of paths) expect((await api.get(path)).status).toBe(200);
    expect(api.stats.bytes).toBeLessThanOrEqual(one * 4.5);
    expect(api.stats.entries).toBe(4);
    // The newest is revalidated from its kept copy; the oldest was dropped and comes whole.
    expect((await api.get(paths[5]!)).revalidated).toBe(true);
    expect((await api.get(paths[0]!)).revalidated).toBe(false);
  });

  it('serves the pages from a dashboard deployed apart, reading the API and /metrics over HTTP', async () => {
    const apart = createIsobarApp({
      db: served.o.t.db, // a database it never reads for these pages: every number comes over HTTP
      metrics: createMetrics(),
      client: { socketAddress: () => '127.0.0.1' },
      log: { error: () => {} },
      dashboard: { apiUrl: served.base, metricsUrl: `${served.base}/metrics`, fetch: recording },
    });
    wire.length = 0;
    const page = await apart.request('/dashboard/GB/London?from=2026-11-01&to=2026-11-10');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(wire.some((w) => w.url === `${served.base}${PATH}`)).toBe(true);
    // Browsers redraw the charts from the same API, which the page's policy lets them read.
    expect(page.headers.get('content-security-policy')).toContain(
      `connect-src 'self' ${served.base};`,
    );
    expect(html).toContain(`"apiBase":"${served.base}"`);
    // The same page as the origin's own dashboard shows, but for where browsers fetch from.
    const local = await (
      await served.o.get('/dashboard/GB/London?from=2026-11-01&to=2026-11-10')
    ).text();
    const tables = (text: string) =>
      text.slice(text.indexOf('<table'), text.lastIndexOf('</table>'));
    expect(tables(html)).toBe(tables(local));
    const ops = await apart.request('/dashboard/operations');
    expect(ops.status).toBe(200);
    const text = await ops.text();
    expect(text).toContain(`${served.base}/metrics`);
    // The origin's own counters: the daily series it served to the dashboard above.
    expect(text).toMatch(
      /<th scope="row">stats-daily<\/th>|<th scope="row">[a-z-]*stat[a-z-]*<\/th>/,
    );
  });

  it('says so when the origin refuses its /metrics to the dashboard', async () => {
    const refusing = createIsobarApp({
      db: served.o.t.db,
      metrics: createMetrics(),
      metricsAllow: [],
      client: { socketAddress: () => '127.0.0.1' },
      log: { error: () => {} },
    });
    const refusingServer = await startNodeServer(refusing, { host: '127.0.0.1', port: 0 });
    try {
      const apart = createIsobarApp({
        db: served.o.t.db,
        metrics: createMetrics(),
        client: { socketAddress: () => '127.0.0.1' },
        log: { error: () => {} },
        dashboard: {
          apiUrl: served.base,
          metricsUrl: `http://127.0.0.1:${refusingServer.port}/metrics`,
        },
      });
      const ops = await apart.request('/dashboard/operations');
      expect(ops.status).toBe(503);
      expect(await ops.text()).toContain('add its address to the origin&#39;s METRICS_ALLOW');
    } finally {
      await refusingServer.close();
    }
  });
});
