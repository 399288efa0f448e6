import { describe, expect, it } from 'vitest';
import { applyWrite } from '../../src/ingest/write-path/apply-write.ts';
import { londonWind } from '../support/alert-fixtures.ts';
import { seriousViolations } from '../support/axe-check.ts';
import { HAVE_CHROMIUM, useBrowser } from '../support/browser.ts';
import { drivers } from '../support/databases.ts';
import { FIXTURE_NOW, useServedOrigin } from '../support/fixture.ts';
import { saveScreenshot } from '../support/screenshots.ts';

describe.skipIf(!HAVE_CHROMIUM)("a warning banner on the place's page in a real Chromium", () => {
  const served = useServedOrigin(drivers[0]!, {}, async (o) => {
    await applyWrite(
      o.t.db,
      { alerts: [londonWind()] },
      { now: new Date(FIXTURE_NOW), reason: 'alert' },
    );
  });
  const browser = useBrowser();

  it.each([
    [1280, 'light'],
    [390, 'dark'],
  ] as const)(
    'at %i px in %s mode: the banner is announced, readable, and axe finds nothing serious',
    async (width, colorScheme) => {
      // axe is injected as a script, which the page's Content-Security-Policy would refuse.
      const context = await browser().newContext({
        viewport: { width, height: 900 },
        bypassCSP: true,
        colorScheme,
      });
      try {
        const page = await context.newPage();
        const res = await page.goto(`${served.base}/GB/London`, { waitUntil: 'load' });
        expect(res?.status()).toBe(200);
        const banner = page.getByRole('alert', { name: 'Weather warnings' });
        expect(await banner.locator('h2').innerText()).toBe('Yellow Wind Warning (Moderate)');
        expect(await banner.getByRole('link', { name: 'Met Office' }).getAttribute('href')).toBe(
          'https://www.metoffice.gov.uk/weather/warnings-and-advice/uk-warnings',
        );
        const overflow = await page.evaluate(
          '(() => document.documentElement.scrollWidth - window.innerWidth)()',
        );
        expect(overflow).toBeLessThanOrEqual(0);
        expect(await seriousViolations(page)).toEqual([]);
        await saveScreenshot(page, `alert-banner-${width}-${colorScheme}`);
      } finally {
        await context.close();
      }
    },
  );
});
