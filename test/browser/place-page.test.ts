import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAVE_CHROMIUM, launchBrowser } from '../support/browser.ts';
import { drivers } from '../support/databases.ts';
import { useServedOrigin } from '../support/fixture.ts';
import { saveScreenshot } from '../support/screenshots.ts';

interface Seen {
  scrollWidth: number;
  innerWidth: number;
  charts: number;
  chartTitle: string | null;
  broken: string[];
  images: number;
  days: number;
}

// Measured in the page itself (a string: the test's own code has no DOM types).
const MEASURE = `(() => ({
  scrollWidth: document.documentElement.scrollWidth,
  innerWidth: window.innerWidth,
  charts: document.querySelectorAll('svg.meteogram').length,
  chartTitle: document.querySelector('svg.meteogram title')?.textContent ?? null,
  broken: [...document.images].filter((i) => !(i.complete && i.naturalWidth > 0)).map((i) => i.src),
  images: document.images.length,
  days: document.querySelectorAll('ul.days li').length,
}))()`;

describe.skipIf(!HAVE_CHROMIUM)('the place page in a real Chromium', () => {
  const served = useServedOrigin(drivers[0]!);
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  }, 60_000);
  afterAll(() => browser?.close());

  it.each([
    ['GB/London', 1280, 900, true],
    ['GB/London', 390, 844, true],
    ['GB/London', 390, 844, false],
  ])(
    '%s at %i×%i px, JavaScript %s: nothing overflows, the chart and its symbols are there',
    async (place, width, height, javaScriptEnabled) => {
      const context = await browser.newContext({ viewport: { width, height }, javaScriptEnabled });
      try {
        const page = await context.newPage();
        await page.goto(`${served.base}/${place}`, { waitUntil: 'load' });
        const seen = (await page.evaluate(MEASURE)) as Seen;
        expect(seen.scrollWidth).toBeLessThanOrEqual(seen.innerWidth);
        expect(seen.charts).toBe(1);
        expect(seen.chartTitle).toMatch(/temperature, precipitation and wind/);
        // The demo forecast reaches ten days: a card for each of them, wrapping on a phone.
        expect(seen.days).toBeGreaterThanOrEqual(9);
        expect(seen.images).toBeGreaterThan(3);
        expect(seen.broken).toEqual([]);
        const name = `place-${place.replace('/', '-')}-${width}${javaScriptEnabled ? '' : '-nojs'}`;
        await saveScreenshot(page, name);
      } finally {
        await context.close();
      }
    },
  );
});
