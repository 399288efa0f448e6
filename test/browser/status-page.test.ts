import { describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe-check.ts';
import { HAVE_CHROMIUM, useBrowser } from '../support/browser.ts';
import { drivers } from '../support/databases.ts';
import { useServedOrigin } from '../support/fixture.ts';
import { saveScreenshot } from '../support/screenshots.ts';

const MEASURE = `(() => ({
  scrollWidth: document.documentElement.scrollWidth,
  innerWidth: window.innerWidth,
  rows: document.querySelectorAll('tbody tr').length,
}))()`;

describe.skipIf(!HAVE_CHROMIUM)('the status page in a real Chromium', () => {
  const served = useServedOrigin(drivers[0]!, {
    providers: [
      { name: 'open-meteo', dailyBudget: 9000 },
      { name: 'met-norway', dailyBudget: 20000 },
    ],
  });
  const browser = useBrowser();

  it.each([1280, 390])(
    'at %i px: a row per provider, nothing overflows, axe finds nothing serious',
    async (width) => {
      // axe is injected as a script, which the page's Content-Security-Policy would refuse.
      const context = await browser().newContext({
        viewport: { width, height: 900 },
        bypassCSP: true,
      });
      try {
        const page = await context.newPage();
        const res = await page.goto(`${served.base}/status`, { waitUntil: 'load' });
        expect(res?.status()).toBe(200);
        const seen = (await page.evaluate(MEASURE)) as {
          scrollWidth: number;
          innerWidth: number;
          rows: number;
        };
        expect(seen.rows).toBe(2);
        expect(await page.locator('main p').first().innerText()).toBe(
          'No weather provider has been asked yet: places are fetched as they are viewed.',
        );
        expect(seen.scrollWidth).toBeLessThanOrEqual(seen.innerWidth);
        expect(await seriousViolations(page)).toEqual([]);
        await saveScreenshot(page, `status-${width}`);
      } finally {
        await context.close();
      }
    },
  );
});
