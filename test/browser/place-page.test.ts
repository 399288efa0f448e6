import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyWrite } from '../../src/ingest/write-path/apply-write.ts';
import { seriousViolations } from '../support/axe.ts';
import { HAVE_CHROMIUM, launchBrowser } from '../support/browser.ts';
import { drivers } from '../support/databases.ts';
import { FIXTURE_NOW, useServedOrigin } from '../support/fixture.ts';
import { saveScreenshot } from '../support/screenshots.ts';
import { placeId, sentDays } from '../support/stats-data.ts';

interface Seen {
  scrollWidth: number;
  innerWidth: number;
  charts: number;
  chartTitle: string | null;
  broken: string[];
  images: number;
  days: number;
  climate: number;
  collisions: string[];
  labels: number;
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
  climate: document.querySelectorAll('ul.days .climate, section.current .climate').length,
  ...(() => {
    // The chart as Chromium lays it out: no temperature label may touch a bar, a symbol or
    // another label (SVG user units, as the chart is drawn).
    const box = (e) => { const b = e.getBBox(); return { e, x0: b.x, y0: b.y, x1: b.x + b.width, y1: b.y + b.height }; };
    const hit = (a, b) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
    const labels = [...document.querySelectorAll('svg.meteogram .temp-label')].map(box);
    const others = [...document.querySelectorAll('svg.meteogram .rain, svg.meteogram use')].map(box);
    const collisions = [];
    labels.forEach((l, i) => {
      for (const o of [...others, ...labels.slice(i + 1)])
        if (hit(l, o)) collisions.push(l.e.textContent + ' touches ' + (o.e.textContent || o.e.getAttribute('class') || o.e.tagName));
    });
    return { collisions, labels: labels.length };
  })(),
}))()`;

describe.skipIf(!HAVE_CHROMIUM)('the place page in a real Chromium', () => {
  // Eleven years of late autumn for London, through the write path: its forecast days and its
  // current conditions are shown against their normals.
  const served = useServedOrigin(drivers[0]!, {}, async (o) => {
    const london = await placeId(o.t.db, 'GB/London');
    const daily = Array.from({ length: 11 }, (_, i) =>
      sentDays(london, `${2015 + i}-11-01`, `${2015 + i}-12-10`),
    ).flat();
    await applyWrite(o.t.db, { daily }, { now: new Date(FIXTURE_NOW), reason: 'import' });
  });
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
        expect(seen.climate).toBeGreaterThanOrEqual(9);
        expect(seen.images).toBeGreaterThan(3);
        expect(seen.broken).toEqual([]);
        expect(seen.labels).toBeGreaterThan(8);
        expect(seen.collisions).toEqual([]);
        if (javaScriptEnabled) {
          // Open the hour table too, so axe and the overflow check see it.
          await page.locator('details.hourly summary').click();
          expect(((await page.evaluate(MEASURE)) as Seen).scrollWidth).toBeLessThanOrEqual(width);
          expect(await seriousViolations(page)).toEqual([]);
        }
        const name = `place-${place.replace('/', '-')}-${width}${javaScriptEnabled ? '' : '-nojs'}`;
        await saveScreenshot(page, name);
      } finally {
        await context.close();
      }
    },
  );

  it.each([1280, 390])(
    'GB/London at %i px in dark mode: readable (axe, contrast included), nothing overflows',
    async (width) => {
      const context = await browser.newContext({
        viewport: { width, height: 844 },
        colorScheme: 'dark',
      });
      try {
        const page = await context.newPage();
        await page.goto(`${served.base}/GB/London`, { waitUntil: 'load' });
        await page.locator('details.hourly summary').click();
        const seen = (await page.evaluate(MEASURE)) as Seen;
        expect(seen.scrollWidth).toBeLessThanOrEqual(seen.innerWidth);
        const background = await page.evaluate('getComputedStyle(document.body).backgroundColor');
        expect(background).toBe('rgb(17, 23, 29)');
        // The moons (grey in the symbols' files) are lit, in the tables and in the chart alike.
        const moons = await page.evaluate<string[]>(
          `[...document.querySelectorAll('img.night, svg.meteogram use.night')].map((e) => getComputedStyle(e).filter)`,
        );
        expect(moons.length).toBeGreaterThan(0);
        expect(moons.filter((f) => f === 'none')).toEqual([]);
        expect(await seriousViolations(page)).toEqual([]);
        await saveScreenshot(page, `place-GB-London-${width}-dark`);
      } finally {
        await context.close();
      }
    },
  );
});
