import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIsobarApp } from '../../src/runtime/isobar-app.ts';
import { type RunningServer, startNodeServer } from '../../src/runtime/node.ts';
import { seriousViolations } from '../support/axe-check.ts';
import { HAVE_CHROMIUM, useBrowser } from '../support/browser.ts';
import { writeDashboardHistory } from '../support/dashboard-data.ts';
import { drivers } from '../support/databases.ts';
import { createTestOrigin, FIXTURE_NOW, type TestOrigin } from '../support/fixture.ts';
import { saveScreenshot } from '../support/screenshots.ts';
import { issueToken } from '../support/tokens.ts';

// Every dashboard page, at a desktop's and a phone's width, light and dark, in Chromium: nothing
// scrolls sideways, and axe finds no serious or critical violation (scrollable regions reachable
// by keyboard, search landmarks named, contrast…). Screenshots are left for a person to look at.

const WIDTHS = [1280, 390] as const;
const SCHEMES = ['light', 'dark'] as const;

/** The light scheme's ink for the charts: their axes' labels and the mean line. */
const LIGHT_INK = ['--chart-ink', '--chart-mean'];

/** How many opaque pixels of the charts' canvases are in one of these colours (`#rrggbb`). */
const pixelsIn = (colours: string[]) => `(() => {
  const wanted = ${JSON.stringify(colours)}.map((c) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)));
  return [...document.querySelectorAll('canvas')].reduce((n, c) => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    for (let i = 0; i < d.length; i += 4)
      if (d[i + 3] > 200 && wanted.some(([r, g, b]) => Math.abs(d[i] - r) + Math.abs(d[i + 1] - g) + Math.abs(d[i + 2] - b) <= 6)) n++;
    return n;
  }, 0);
})()`;
const PAGES = [
  ['index', '/dashboard'],
  ['place', '/dashboard/GB/London?from=2026-10-20&to=2026-11-10'],
  ['compare', '/dashboard/compare?from=2026-10-20&places=GB%2FLondon%2CFR%2FParis&to=2026-11-10'],
  ['choice', '/dashboard?place=London'],
  ['operations', '/dashboard/operations'],
  ['unknown-place', '/dashboard/GB/Atlantis'],
] as const;

describe.skipIf(!HAVE_CHROMIUM)('every dashboard page in Chromium', () => {
  const browser = useBrowser();
  let origin: TestOrigin;
  let server: RunningServer;
  let base = '';
  // The operations page's readings are dated by this clock: it moves a minute between them.
  let clock = FIXTURE_NOW;

  beforeAll(async () => {
    origin = await createTestOrigin(drivers[0]!);
    await writeDashboardHistory(origin.app, origin.t.db);
    const app = createIsobarApp({
      db: origin.t.db,
      metrics: origin.metrics,
      now: () => clock,
      log: { error: () => {} },
      client: { socketAddress: () => '127.0.0.1' },
      dashboard: { sampleEveryMs: 0 },
    });
    server = await startNodeServer(app, { host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${server.port}`;
    // Rows from a few sources, one with a refused batch, and a provider that has started to
    // fail: the ingestion table's widest cells and the warning, as an operator would see them.
    const token = await issueToken(origin.t.db, 'write');
    const post = (source: string, rows: Record<string, unknown>[]) =>
      app.request('/v1/observations', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(rows.map((r) => ({ place: 'GB/Greenwich', source, ...r }))),
      });
    const at = (hh: string) => `2026-11-22T${hh}:00:00Z`;
    await post('station-with-a-rather-long-name', [{ observed_at: at('09'), temperature_c: 7 }]);
    await post('synop', [{ observed_at: at('08'), temperature_c: 'warm' }]);
    // A reading a minute; the requests of the last minute come after the last reading, so the
    // page's own reading ends an interval in which the provider failed.
    for (let minute = 0; minute < 4; minute++) {
      await app.request('/dashboard/operations');
      clock += 60_000;
      for (let i = 0; i < 3 + minute; i++) await app.request('/GB/London.json');
      origin.metrics.providerRequests.inc(
        { provider: 'open-meteo', outcome: minute < 2 ? 'ok' : 'timeout' },
        3,
      );
      origin.metrics.ingest.recordError('open-meteo', 'timeout');
    }
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await origin?.t.dispose();
  });

  const fits = (page: Page) =>
    page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');

  for (const [width, scheme] of WIDTHS.flatMap((w) => SCHEMES.map((s) => [w, s] as const))) {
    it.each(PAGES)(
      `shows the %s page at ${width} px, ${scheme}: fits, no serious axe violation`,
      async (name, path) => {
        const context = await browser().newContext({
          viewport: { width, height: 900 },
          bypassCSP: true,
          colorScheme: scheme,
        });
        try {
          const page = await context.newPage();
          const errors: string[] = [];
          page.on('pageerror', (e) => errors.push(e.message));
          await page.goto(`${base}${path}`);
          if (name === 'place' || name === 'compare')
            await page.locator('canvas').first().waitFor();
          await saveScreenshot(
            page,
            `dashboard-look-${name}-${width}${scheme === 'dark' ? '-dark' : ''}`,
          );
          expect(await fits(page)).toBe(true);
          expect(await seriousViolations(page)).toEqual([]);
          expect(errors).toEqual([]);
          // Every box that scrolls can be reached by the keyboard.
          const unreachable = await page.evaluate<string[]>(`[...document.querySelectorAll('*')]
          .filter((e) => e.scrollWidth > e.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX) && e.tabIndex < 0)
          .map((e) => e.id || e.className)`);
          expect(unreachable).toEqual([]);
          // Every search landmark has a name, so two of them can be told apart.
          const unnamed = await page.evaluate<number>(
            `[...document.querySelectorAll('[role=search], search')].filter((e) => !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby')).length`,
          );
          expect(unnamed).toBe(0);
        } finally {
          await context.close();
        }
      },
    );
  }

  it('shows the last hours and the failing provider on the operations page, with no table scrolling sideways at 1280 px', async () => {
    const context = await browser().newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      await page.goto(`${base}/dashboard/operations`);
      expect(await page.locator('#provider-warning').innerText()).toContain('open-meteo');
      for (const id of ['requests-series', 'hit-ratio-series', 'providers-series', 'lag-series'])
        expect(await page.locator(`#${id} polyline`).count(), id).toBeGreaterThan(0);
      const wide = await page.evaluate<string[]>(`[...document.querySelectorAll('.scroll')]
        .filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.querySelector('table')?.id)`);
      expect(wide).toEqual([]);
      expect(await page.locator('#ingestion-table tbody tr').count()).toBeGreaterThanOrEqual(3);
    } finally {
      await context.close();
    }
  });

  it('follows the system into dark mode, its charts too, and back', async () => {
    const context = await browser().newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      await page.goto(`${base}/dashboard/GB/London?from=2026-10-20&to=2026-11-10`);
      await page.locator('canvas').first().waitFor();
      const background = () => page.evaluate('getComputedStyle(document.body).backgroundColor');
      expect(await background()).toBe('rgb(245, 247, 250)');
      const ink = await page.evaluate<string[]>(
        `${JSON.stringify(LIGHT_INK)}.map((v) => getComputedStyle(document.documentElement).getPropertyValue(v).trim())`,
      );
      const inked = () => page.evaluate<number>(pixelsIn(ink));
      expect(await inked()).toBeGreaterThan(100);
      // The scheme changes while the page is open: the page and its charts are redrawn dark,
      // nothing drawn in the light scheme's ink (which would hardly show on the dark card).
      await page.emulateMedia({ colorScheme: 'dark' });
      expect(await background()).toBe('rgb(17, 23, 29)');
      await expect.poll(inked).toBe(0);
      await page.emulateMedia({ colorScheme: 'light' });
      await expect.poll(inked).toBeGreaterThan(100);
    } finally {
      await context.close();
    }
  });
});
