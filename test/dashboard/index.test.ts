import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/metrics/metrics.ts';
import { createIsobarApp } from '../../src/runtime/isobar-app.ts';
import { drivers } from '../support/databases.ts';
import { useTestOrigin } from '../support/fixture.ts';

// The dashboard's front page, in process: what it links to must answer, and its form's GET
// must lead to the place's page.
const driver = drivers[0]!;

const hrefs = (page: string) =>
  [...page.matchAll(/<a [^>]*href="([^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));

describe('the dashboard index', () => {
  const origin = useTestOrigin(driver);
  const get = (path: string, headers?: Record<string, string>) => origin().get(path, headers);

  it('is an HTML page, cacheable with an ETag, that says what the dashboard is', async () => {
    const res = await get('/dashboard');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('cdn-cache-control')).toMatch(/^public, max-age=3600/);
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^"/);
    expect((await get('/dashboard', { 'if-none-match': etag })).status).toBe(304);
    const page = await res.text();
    expect(page).toContain('<title>Dashboard · isobar dashboard</title>');
    expect(page).toContain('<a href="/dashboard" aria-current="page">Overview</a>');
    expect(page).toMatch(
      /<form id="open-form" class="controls" method="get" action="\/dashboard">/,
    );
    expect(page).toContain('<input name="place" required');
    expect(page).toContain('METRICS_ALLOW');
    // No charts: neither the chart library nor the page script.
    expect(page).not.toContain('dashboard-state');
  });

  it('links to example places, a comparison, operations, the search and the API, each answering', async () => {
    const links = hrefs(await (await get('/dashboard')).text());
    for (const expected of [
      '/dashboard/GB/London',
      '/dashboard/FR/Paris',
      '/dashboard/DE/Munchen',
      '/dashboard/compare?places=GB%2FLondon%2CFR%2FParis%2CDE%2FMunchen',
      '/dashboard/operations',
      '/search?q=London',
      '/api',
    ])
      expect(links).toContain(expected);
    for (const link of links) {
      const res = await get(link);
      expect([200, 301, 302], `${link} answered ${res.status}`).toContain(res.status);
    }
    // The example pages are in their canonical spelling: 200 at once, no redirect.
    for (const link of links.filter((l) => l.startsWith('/dashboard/')))
      expect((await get(link)).status, link).toBe(200);
  });

  it.each([
    ['/dashboard?place=GB%2FLondon', '/dashboard/GB/London'],
    ['/dashboard?place=gb%2Flondon', '/dashboard/GB/London'],
    ['/dashboard?place=uk/London/', '/dashboard/GB/London'],
    ['/dashboard?place=+de%2Fm%C3%BCnchen+', '/dashboard/DE/Munchen'],
    ['/dashboard?place=us%2Fnew+york+city', '/dashboard/US/New-York-City'],
    ['/dashboard/', '/dashboard'],
    ['/dashboard/?place=fr/paris', '/dashboard?place=fr/paris'],
  ])('answers %s with a cacheable 301 to %s', async (path, location) => {
    const res = await get(path);
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe(location);
    expect(res.headers.get('cdn-cache-control')).toMatch(/^public, max-age=86400/);
  });

  it('follows the form from a typed place to its page', async () => {
    let path = '/dashboard?place=fr%2Fparis';
    for (let hops = 0; hops < 3; hops++) {
      const res = await get(path);
      if (res.status !== 301) {
        expect(res.status).toBe(200);
        expect(path).toBe('/dashboard/FR/Paris');
        expect(await res.text()).toContain('<h1 id="place-name">Paris');
        return;
      }
      path = res.headers.get('location')!;
    }
    throw new Error(`no page after 3 redirects from /dashboard?place=fr%2Fparis (at ${path})`);
  });

  it.each([
    ['%21%21', '&quot;!!&quot; is not a place'],
    ['', '&quot;&quot; is not a place'],
    ['GBR/London', '&quot;GBR/London&quot; is not a place'],
    ['GB/%21%21', '&quot;GB/!!&quot; is not a place'],
  ])('refuses place=%s with a 400 page saying how to write it', async (typed, message) => {
    const res = await get(`/dashboard?place=${typed}`);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const page = await res.text();
    expect(page).toContain(message);
    expect(page).toContain('e.g. London or GB/London');
  });

  it.each([
    ['Paris', '/dashboard/FR/Paris'],
    ['+saint+%C3%A9tienne+', '/dashboard/FR/Saint-Etienne'],
    ['manchester', '/dashboard/GB/Manchester'],
  ])('opens a name only one place has (place=%s) with a cacheable 301', async (typed, location) => {
    const res = await get(`/dashboard?place=${typed}`);
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe(location);
    expect(res.headers.get('cdn-cache-control')).toMatch(/^public, max-age=86400/);
  });

  it('offers the places a name several have, most populous first, each linking to its page', async () => {
    const res = await get('/dashboard?place=london');
    expect(res.status).toBe(200);
    expect(res.headers.get('cdn-cache-control')).toMatch(/^public, max-age=3600/);
    const page = await res.text();
    expect(page).toContain('<h1>Which london?</h1>');
    const choices = hrefs(/<ul class="choices" id="choices">(.*?)<\/ul>/s.exec(page)![1]!);
    expect(choices.slice(0, 2)).toEqual(['/dashboard/GB/London', '/dashboard/CA/London']);
    expect(choices).toHaveLength(4);
    // Two Londons in one country are told apart by their region.
    expect(new Set(choices).size).toBe(4);
    for (const link of choices) expect((await get(link)).status, link).toBe(200);
  });

  it('answers a name no place has with a 404 page', async () => {
    const res = await get('/dashboard?place=Atlantis');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('no place called &quot;Atlantis&quot; is known');
  });

  it('answers an unknown place with a 404 page cached for a minute', async () => {
    const res = await get('/dashboard?place=GB%2FAtlantis');
    expect(res.status).toBe(404);
    expect(res.headers.get('cache-control')).toMatch(/^public, max-age=60/);
    expect(await res.text()).toContain('no place &quot;atlantis&quot; is known in GB');
  });

  it('refuses a query parameter it does not document', async () => {
    expect((await get('/dashboard?q=London')).status).toBe(400);
  });

  it('is shown to everyone, while the operations page it links to is not', async () => {
    const outsider = createIsobarApp({
      db: origin().t.db,
      metrics: createMetrics(),
      client: { socketAddress: () => '203.0.113.9' },
      log: { error: () => {} },
    });
    expect((await outsider.request('/dashboard')).status).toBe(200);
    expect((await outsider.request('/dashboard/operations')).status).toBe(403);
  });
});
