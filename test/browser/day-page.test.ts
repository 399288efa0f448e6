import { describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe-check.ts';
import { HAVE_CHROMIUM, useBrowser } from '../support/browser.ts';
import { drivers } from '../support/databases.ts';
import { writeObservedDay } from '../support/day-data.ts';
import { useServedOrigin } from '../support/fixture.ts';
import { saveScreenshot } from '../support/screenshots.ts';
import { writeSentDays } from '../support/stats-data.ts';

interface Seen {
  scrollWidth: number;
  innerWidth: number;
  charts: number;
  bands: number;
  history: number;
  broken: string[];
  stretch: number;
}

// Measured in the page itself (a string: the test's own code has no DOM types).
const MEASURE = `(() => ({
  scrollWidth: document.documentElement.scrollWidth,
  innerWidth: window.innerWidth,
  charts: document.querySelectorAll('svg.meteogram').length,
  bands: document.querySelectorAll('svg.meteogram .forecast-band').length,
  history: document.querySelectorAll('section.history').length,
  broken: [...document.images].filter((i) => !(i.complete && i.naturalWidth > 0)).map((i) => i.src),
  // How much the page scales its chart: 1 when shown at its own size, its text the page's size.
  stretch: (() => { const svg = document.querySelector('svg.meteogram'); return svg.getBoundingClientRect().width / svg.viewBox.baseVal.width; })(),
}))()`;

// A past day with eleven Novembers of history behind it (normal and records shown), and today (the
// fixture's 2026-11-22: observed at 10:00, forecast for the rest of the day).
const DAYS = [
  ['past', '/GB/London/2026-11-20', 0, 1],
  ['today', '/GB/London/2026-11-22', 1, 1],
] as const;

describe.skipIf(!HAVE_CHROMIUM)('day pages in a real Chromium', () => {
  const served = useServedOrigin(drivers[0]!, {}, async (o) => {
    // Eleven Novembers: ten years at least make a normal for the date.
    for (let year = 2015; year <= 2025; year++)
      await writeSentDays(o.t.db, 'GB/London', `${year}-11-01`, `${year}-11-30`);
    await writeObservedDay(o.t.db, 'GB/London', '2026-11-20');
  });
  const browser = useBrowser();

  it.each(
    DAYS.flatMap(([name, path, bands, history]) =>
      [1280, 390].flatMap((width) =>
        (['light', 'dark'] as const).map(
          (scheme) => [name, width, scheme, path, bands, history] as const,
        ),
      ),
    ),
  )(
    'the %s day at %i px, %s: nothing overflows, the chart is there, axe finds nothing serious',
    async (name, width, scheme, path, bands, history) => {
      const context = await browser().newContext({
        viewport: { width, height: 900 },
        colorScheme: scheme,
        // axe is injected as a script, which the page's Content-Security-Policy would refuse.
        bypassCSP: true,
      });
      try {
        const page = await context.newPage();
        const res = await page.goto(`${served.base}${path}`, { waitUntil: 'load' });
        expect(res?.status()).toBe(200);
        const seen = (await page.evaluate(MEASURE)) as Seen;
        expect(seen.scrollWidth).toBeLessThanOrEqual(seen.innerWidth);
        expect(seen.charts).toBe(1);
        expect(seen.bands).toBe(bands);
        expect(seen.history).toBe(history);
        expect(seen.broken).toEqual([]);
        expect(seen.stretch).toBeCloseTo(1, 2);
        await saveScreenshot(page, `day-${name}-${width}${scheme === 'dark' ? '-dark' : ''}`);
        expect(await seriousViolations(page)).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );
});
