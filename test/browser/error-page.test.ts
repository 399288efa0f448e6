import { afterAll, describe, expect, it } from 'vitest';
import { createProfile, HAVE_CHROMIUM } from '../support/browser.ts';
import { drivers } from '../support/databases.ts';
import { useServedOrigin } from '../support/fixture.ts';
import { saveScreenshot } from '../support/screenshots.ts';

describe.skipIf(!HAVE_CHROMIUM)('error page and API reference in a real Chromium', () => {
  const served = useServedOrigin(drivers[0]!);
  const profile = createProfile();
  afterAll(() => profile.remove());

  it('shows an unknown place as a page with a way on, and the reference at both widths', async () => {
    const browser = await profile.launch();
    try {
      const page = await browser.newPage();
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 900 });
        const res = await page.goto(`${served.base}/GB/Atlantis`);
        expect(res?.status()).toBe(404);
        await expect(page.locator('h1').textContent()).resolves.toBe('We do not know that place');
        expect(await page.locator('main').innerText()).toContain(
          'No place "atlantis" is known in GB.',
        );
        await expect(page.locator('#problem-q').inputValue()).resolves.toBe('Atlantis');
        // Nothing wider than the window: no sideways scrolling on a phone.
        expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
          width,
        );
        await saveScreenshot(page, `error-page-404-${width}`);

        await page.goto(`${served.base}/api`);
        await expect(page.locator('h1').textContent()).resolves.toBe('isobar API reference');
        expect(await page.getByText('GET /v1/locations', { exact: true }).first().isVisible()).toBe(
          true,
        );
        await saveScreenshot(page, `api-reference-${width}`);
      }
      // The search box on the error page leads on.
      await page.goto(`${served.base}/GB/Londn`);
      await page.fill('#problem-q', 'London');
      await page.locator('main button[type=submit]').click();
      await page.waitForURL(/\/search\?q=london/i, { timeout: 10_000 });
      expect(await page.getByRole('link', { name: /London/ }).count()).toBeGreaterThan(0);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
