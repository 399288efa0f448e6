import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { HAVE_CHROMIUM, useBrowser } from '../support/browser.ts';
import { writeDashboardHistory } from '../support/dashboard-data.ts';
import { drivers } from '../support/databases.ts';
import { useServedOrigin } from '../support/fixture.ts';
import { saveScreenshot } from '../support/screenshots.ts';

const PLACE = '/dashboard/GB/London?from=2026-10-20&to=2026-11-10';
const COMPARE =
  '/dashboard/compare?from=2026-10-20&places=GB%2FLondon%2CFR%2FParis%2CDE%2FMunchen&to=2026-11-10';
const WIDTHS = [1280, 390] as const;

describe.skipIf(!HAVE_CHROMIUM)('the dashboard in a real Chromium', () => {
  const served = useServedOrigin(drivers[0]!, {}, (o) => writeDashboardHistory(o.app, o.t.db));
  const browser = useBrowser();

  async function open(path: string, width: number, javaScriptEnabled = true) {
    const context = await browser().newContext({
      viewport: { width, height: 900 },
      javaScriptEnabled,
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const response = await page.goto(`${served.base}${path}`);
    return { page, response, errors, close: () => context.close() };
  }
  /** Whether the page fits its viewport, with no sideways scrolling. */
  const fits = (page: Page) =>
    page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');
  const rows = (page: Page, table: string) => page.locator(`#${table} tbody tr`).count();

  it.each(WIDTHS)(
    'shows the index at %i px, and its form opens a place without JavaScript',
    async (width) => {
      const { page, errors, close } = await open('/dashboard', width, false);
      try {
        expect(await page.locator('h1').innerText()).toBe('Dashboard');
        expect(await page.locator('#pages a').count()).toBe(5);
        expect(await fits(page)).toBe(true);
        expect(errors).toEqual([]);
        await saveScreenshot(page, `dashboard-index-${width}`);
        await page.fill('#open-form input[name=place]', 'de/münchen');
        await page.click('#open-form button');
        await page.waitForURL(`${served.base}/dashboard/DE/Munchen`);
        expect(await page.locator('#place-name').innerText()).toContain('München');
      } finally {
        await close();
      }
    },
  );

  it.each(WIDTHS)('draws the place page at %i px', async (width) => {
    const { page, errors, close } = await open(PLACE, width);
    try {
      await page.locator('#daily-chart canvas').waitFor();
      await page.locator('#climatology-chart canvas').waitFor();
      const legend = await page.locator('#daily-chart .u-legend').innerText();
      for (const label of ['Mean', 'Min', 'Max', 'Normal mean']) expect(legend).toContain(label);
      expect(await rows(page, 'daily-table')).toBe(22);
      expect(await page.locator('#records-table').isVisible()).toBe(true);
      expect(await fits(page)).toBe(true);
      expect(errors).toEqual([]);
      await saveScreenshot(page, `dashboard-place-${width}`);
    } finally {
      await close();
    }
  });

  it('changes the period in place: same document, new URL, new data', async () => {
    const { page, close } = await open(PLACE, 1280);
    try {
      await page.locator('#daily-chart canvas').waitFor();
      await page.evaluate("window.marker = 'same document'");
      await page.fill('input[name=from]', '2026-11-01');
      await page.fill('input[name=to]', '2026-11-05');
      await page.click('#period-form button');
      await page.waitForURL(`${served.base}/dashboard/GB/London?from=2026-11-01&to=2026-11-05`);
      await page.locator('#daily-table caption', { hasText: '2026-11-01 to 2026-11-05' }).waitFor();
      expect(await page.evaluate('window.marker')).toBe('same document');
      expect(await rows(page, 'daily-table')).toBe(5);
      expect(await page.locator('#daily-chart canvas').count()).toBe(1);
      // Back restores the period the URL names, still without a reload.
      await page.goBack();
      await page.locator('#daily-table caption', { hasText: '2026-10-20 to 2026-11-10' }).waitFor();
      expect(await page.evaluate('window.marker')).toBe('same document');
    } finally {
      await close();
    }
  });

  it('changes the place in place, and the URL can be reloaded', async () => {
    const { page, close } = await open(PLACE, 1280);
    try {
      await page.locator('#daily-chart canvas').waitFor();
      await page.evaluate("window.marker = 'same document'");
      await page.fill('#place-form input', 'fr/paris');
      await page.click('#place-form button');
      await page.waitForURL(`${served.base}/dashboard/FR/Paris?from=2026-10-20&to=2026-11-10`);
      await page.locator('#place-name', { hasText: 'Paris' }).waitFor();
      expect(await page.evaluate('window.marker')).toBe('same document');
      const shown = await page.locator('#daily-table tbody tr').first().innerText();
      await page.reload();
      expect(await page.locator('#place-name').innerText()).toContain('Paris');
      expect(await page.locator('#daily-table tbody tr').first().innerText()).toBe(shown);
    } finally {
      await close();
    }
  });

  it('opens a name only one place has in place, and offers a choice for a name several have', async () => {
    const { page, close } = await open(PLACE, 1280);
    try {
      await page.locator('#daily-chart canvas').waitFor();
      await page.evaluate("window.marker = 'same document'");
      await page.fill('#place-form input', 'Paris');
      await page.click('#place-form button');
      await page.waitForURL(`${served.base}/dashboard/FR/Paris?from=2026-10-20&to=2026-11-10`);
      expect(await page.evaluate('window.marker')).toBe('same document');
      await page.fill('#place-form input', 'london');
      await page.click('#place-form button');
      await page.waitForURL(`${served.base}/dashboard?place=london`);
      expect(await page.locator('h1').innerText()).toBe('Which london?');
      await page.click('#choices a >> text=London, Ontario, Canada');
      await page.waitForURL(`${served.base}/dashboard/CA/London`);
      expect(await page.locator('#place-name').innerText()).toContain('London');
    } finally {
      await close();
    }
  });

  it('takes a plain name in the place field without JavaScript too', async () => {
    const { page, close } = await open(PLACE, 390, false);
    try {
      await page.fill('#place-form input', 'München');
      await page.click('#place-form button');
      await page.waitForURL(`${served.base}/dashboard/DE/Munchen`);
      expect(await page.locator('#place-name').innerText()).toContain('München');
    } finally {
      await close();
    }
  });

  /** The markup of these elements as the browser holds it, by id. */
  const markup = (page: Page, ids: readonly string[]) =>
    page.evaluate<Record<string, string>>(
      `Object.fromEntries(${JSON.stringify(ids)}.map((id) => [id, document.getElementById(id)?.innerHTML ?? '']))`,
    );

  /**
   * Waits for the script to record `path` (it does once it has redrawn the page), then checks
   * that the server's own page at that URL holds the same markup; gives the script's.
   */
  async function expectServedAlike(page: Page, path: string, ids: readonly string[], shot: string) {
    const url = `${served.base}${path}`;
    await page.waitForURL(url);
    const redrawn = await markup(page, ids);
    await saveScreenshot(page, shot);
    await page.goto(url);
    expect(await markup(page, ids)).toEqual(redrawn);
    return redrawn;
  }

  it('redraws the place page with the markup the server renders for the same URL', async () => {
    const { page, close } = await open(PLACE, 1280);
    try {
      await page.locator('#daily-chart canvas').waitFor();
      await page.fill('#place-form input', 'fr/paris');
      await page.click('#place-form button');
      await page.locator('#place-name', { hasText: 'Paris' }).waitFor();
      await page.fill('input[name=from]', '2026-11-01');
      await page.fill('input[name=to]', '2026-11-05');
      await page.click('#period-form button');
      // The anomaly is left out: the script asks for the browser's today, the server its clock's.
      const ids = ['place-name', 'daily-table-box', 'climatology-table-box', 'records-table-box'];
      const path = '/dashboard/FR/Paris?from=2026-11-01&to=2026-11-05';
      const redrawn = await expectServedAlike(page, path, ids, 'dashboard-place-redrawn-1280');
      expect(redrawn['daily-table-box']).toContain('Daily values, 2026-11-01 to 2026-11-05');
      expect(redrawn['records-table-box']).toContain('<table id="records-table">');
    } finally {
      await close();
    }
  });

  it('redraws the comparison with the markup the server renders for the same URL', async () => {
    const { page, close } = await open(COMPARE, 1280);
    try {
      await page.locator('#compare-chart canvas').waitFor();
      await page.fill('input[name=places]', 'FR/Paris,gb/london');
      await page.fill('input[name=from]', '2026-11-03');
      await page.click('#period-form button');
      const ids = ['compare-title', 'summary-table-box', 'compare-table-box'];
      const path =
        '/dashboard/compare?from=2026-11-03&places=FR%2FParis%2CGB%2FLondon&to=2026-11-10';
      const redrawn = await expectServedAlike(page, path, ids, 'dashboard-compare-redrawn-1280');
      expect(redrawn['compare-table-box']).toContain('Paris (FR)');
    } finally {
      await close();
    }
  });

  it('says what is wrong with a bad period and leaves the chart as it was', async () => {
    const { page, close } = await open(PLACE, 1280);
    try {
      await page.locator('#daily-chart canvas').waitFor();
      await page.fill('input[name=from]', '2026-11-10');
      await page.fill('input[name=to]', '2026-11-01');
      await page.click('#period-form button');
      await page.locator('#message', { hasText: 'comes before' }).waitFor();
      expect(page.url()).toBe(`${served.base}${PLACE}`);
      expect(await rows(page, 'daily-table')).toBe(22);
      expect(await page.locator('#daily-chart canvas').count()).toBe(1);
      await saveScreenshot(page, 'dashboard-place-bad-period-message-1280');
    } finally {
      await close();
    }
    for (const width of WIDTHS) {
      const direct = await open('/dashboard/GB/London?from=2026-11-10&to=2026-11-01', width);
      try {
        expect(direct.response?.status()).toBe(400);
        expect(await direct.page.locator('#problem').innerText()).toContain('comes before');
        expect(await direct.page.locator('canvas').count()).toBe(0);
        await saveScreenshot(direct.page, `dashboard-bad-period-${width}`);
      } finally {
        await direct.close();
      }
    }
  });

  it.each(WIDTHS)('shows a 404 page for an unknown place at %i px', async (width) => {
    const { page, response, close } = await open('/dashboard/GB/Atlantis', width);
    try {
      expect(response?.status()).toBe(404);
      expect(await page.locator('h1').innerText()).toBe('Unknown place');
      expect(await page.locator('#problem').innerText()).toMatch(
        /no place "atlantis" is known in GB/,
      );
      await saveScreenshot(page, `dashboard-unknown-place-${width}`);
    } finally {
      await close();
    }
  });

  it.each(WIDTHS)(
    'compares places on one chart at %i px, and changes the period in place',
    async (width) => {
      const { page, errors, close } = await open(COMPARE, width);
      try {
        await page.locator('#compare-chart canvas').waitFor();
        const legend = await page.locator('#compare-chart .u-legend').innerText();
        for (const name of ['London (GB)', 'Paris (FR)', 'München (DE)'])
          expect(legend).toContain(name);
        expect(await fits(page)).toBe(true);
        await saveScreenshot(page, `dashboard-compare-${width}`);
        if (width !== 1280) return;
        await page.evaluate("window.marker = 'same document'");
        await page.fill('input[name=places]', 'GB/London,FR/Paris');
        await page.fill('input[name=from]', '2026-11-01');
        await page.click('#period-form button');
        await page.waitForURL(
          `${served.base}/dashboard/compare?from=2026-11-01&places=GB%2FLondon%2CFR%2FParis&to=2026-11-10`,
        );
        await page.locator('#compare-title', { hasText: 'London, Paris' }).waitFor();
        expect(await page.evaluate('window.marker')).toBe('same document');
        expect(await rows(page, 'compare-table')).toBe(10);
        expect(errors).toEqual([]);
      } finally {
        await close();
      }
    },
  );

  it.each(WIDTHS)('shows the operations page at %i px', async (width) => {
    const { page, close } = await open('/dashboard/operations', width);
    try {
      expect(await page.locator('#routes-table').isVisible()).toBe(true);
      expect(await page.locator('#cache-ratio').innerText()).toMatch(/%|—/);
      expect(await fits(page)).toBe(true);
      await saveScreenshot(page, `dashboard-operations-${width}`);
    } finally {
      await close();
    }
  });

  it('shows the tables without JavaScript, and the period form still works', async () => {
    const { page, close } = await open(PLACE, 1280, false);
    try {
      for (const table of ['daily-table', 'climatology-table', 'records-table'])
        expect(await page.locator(`#${table}`).isVisible()).toBe(true);
      expect(await page.locator('figure.chart').first().isVisible()).toBe(false);
      await saveScreenshot(page, 'dashboard-place-nojs-1280');
      await page.fill('input[name=from]', '2026-11-01');
      await page.fill('input[name=to]', '2026-11-03');
      await page.click('#period-form button');
      await page.waitForURL(`${served.base}/dashboard/GB/London?from=2026-11-01&to=2026-11-03`);
      expect(await rows(page, 'daily-table')).toBe(3);
      await page.goto(`${served.base}${COMPARE}`);
      expect(await page.locator('#compare-table').isVisible()).toBe(true);
      expect(await page.locator('#summary-table tbody tr').count()).toBe(3);
    } finally {
      await close();
    }
  });
});
