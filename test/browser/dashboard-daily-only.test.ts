import { copyFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAVE_CHROMIUM, launchBrowser } from '../support/browser.ts';
import { useDailyOnlyImport } from '../support/daily-only-data.ts';
import { drivers } from '../support/databases.ts';
import { useServedOrigin } from '../support/fixture.ts';
import { saveScreenshot } from '../support/screenshots.ts';

// The dashboard's charts over daily-only data (NOAA: min, max, precipitation, no mean) in a real
// Chromium: each chart draws series that hold data, its legend names those and no others.
const SEATTLE = '/dashboard/US/Seattle?from=2015-06-01&to=2015-06-30';
const COMPARE =
  '/dashboard/compare?from=2015-06-01&places=US%2FSeattle%2CUS%2FNew-York-City&to=2015-06-30';

interface Drawn {
  label: string;
  points: number;
  sum: number;
}

describe.skipIf(!HAVE_CHROMIUM)('the dashboard with daily-only data in a real Chromium', () => {
  const importDailyOnly = useDailyOnlyImport();
  const served = useServedOrigin(drivers[0]!, {}, (o) => importDailyOnly(o.t.db));
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  }, 60_000);
  afterAll(() => browser?.close());

  async function open(path: string, width = 1280) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${served.base}${path}`);
    return { page, errors, close: () => context.close() };
  }
  /** What a chart's plot holds, series by series (the box's `data-series`). */
  const drawn = async (page: Page, id: string): Promise<Drawn[]> =>
    JSON.parse((await page.locator(`#${id}`).getAttribute('data-series')) ?? '[]');
  /** The labels of a chart's legend (a legend that is not live leaves out the x series). */
  const legend = (page: Page, id: string) =>
    page.locator(`#${id} .u-legend .u-series .u-label`).allInnerTexts();
  /** Saves a screenshot where the test run leaves them, and a copy under /tmp to look at. */
  async function shoot(page: Page, name: string) {
    copyFileSync(await saveScreenshot(page, name), `/tmp/isobar-${name}.png`);
  }

  it('draws the climatology from average highs and lows, their mean and precipitation bars, in °F', async () => {
    const { page, errors, close } = await open(SEATTLE);
    try {
      await page.locator('#climatology-chart canvas').waitFor();
      const months = await drawn(page, 'climatology-chart');
      expect(months.map((s) => s.label)).toEqual([
        'Mean of min and max',
        'Average high',
        'Average low',
        'Precipitation',
      ]);
      for (const s of months) expect(s.points).toBe(12);
      expect(months.find((s) => s.label === 'Precipitation')!.sum).toBeGreaterThan(0);
      expect(await legend(page, 'climatology-chart')).toEqual(months.map((s) => s.label));
      const days = await drawn(page, 'daily-chart');
      expect(days.map((s) => s.label)).toEqual([
        'Min',
        'Max',
        'Mean of min and max',
        'Precipitation',
      ]);
      for (const s of days) expect(s.points).toBe(30);
      expect(await legend(page, 'daily-chart')).toEqual(days.map((s) => s.label));
      expect(await page.locator('#climatology-table thead').innerText()).toContain('°F');
      expect(errors).toEqual([]);
      await page.locator('#climatology-chart').scrollIntoViewIfNeeded();
      await shoot(page, 'dashboard-daily-only-climatology-1280');
    } finally {
      await close();
    }
  });

  it('draws the comparison from what its table shows', async () => {
    const { page, errors, close } = await open(COMPARE);
    try {
      await page.locator('#compare-chart canvas').waitFor();
      const lines = await drawn(page, 'compare-chart');
      expect(lines.map((s) => s.label)).toEqual([
        'Seattle (US) · mean of min and max',
        'New York City (US) · mean of min and max',
      ]);
      expect(await legend(page, 'compare-chart')).toEqual(lines.map((s) => s.label));
      // Column by column, the table's numbers are the chart's.
      const rows = await page
        .locator('#compare-table tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
        );
      lines.forEach((line, column) => {
        const cells = rows
          .map((r) => r[column]!.replace('*', '').replace('−', '-'))
          .filter((c) => c !== '—')
          .map(Number);
        expect(line.points).toBe(cells.length);
        expect(line.points).toBe(30);
        expect(line.sum).toBeCloseTo(
          cells.reduce((a, b) => a + b, 0),
          1,
        );
      });
      expect(await page.locator('#compare-table caption').innerText()).toContain('°F');
      expect(errors).toEqual([]);
      await shoot(page, 'dashboard-daily-only-compare-1280');
    } finally {
      await close();
    }
  });

  it('draws no empty chart for a place with no history, and says how to bring some', async () => {
    const { page, errors, close } = await open('/dashboard/US/London-KY');
    try {
      await page.locator('#no-history').waitFor();
      await page.waitForFunction("document.getElementById('daily-chart').dataset.series === '[]'");
      expect(await page.locator('canvas').count()).toBe(0);
      expect(await page.locator('#daily-chart').isVisible()).toBe(false);
      expect(await page.locator('#no-history').innerText()).toContain('isobar import');
      expect(errors).toEqual([]);
      await shoot(page, 'dashboard-no-history-1280');
    } finally {
      await close();
    }
  });

  it('redraws a period without data as its empty state, the climatology left drawn', async () => {
    const { page, errors, close } = await open(SEATTLE);
    try {
      await page.locator('#daily-chart canvas').waitFor();
      await page.fill('input[name=from]', '2010-01-01');
      await page.fill('input[name=to]', '2010-01-10');
      await page.click('#period-form button');
      await page.locator('#no-days').waitFor();
      expect(await page.locator('#daily-chart canvas').count()).toBe(0);
      expect(await page.locator('#climatology-chart canvas').count()).toBe(1);
      await page.click('#no-days a');
      await page.waitForURL(/from=2015-12-02&to=2015-12-31$/);
      await page.locator('#daily-chart canvas').waitFor();
      expect((await drawn(page, 'daily-chart')).map((s) => s.points)).toEqual([30, 30, 30, 30]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
