import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createProfile, HAVE_CHROMIUM } from '../support/browser.ts';
import { drivers } from '../support/databases.ts';
import { useServedOrigin } from '../support/fixture.ts';
import { REAL, realPlaces } from '../support/real-places.ts';
import { saveScreenshot } from '../support/screenshots.ts';

describe.skipIf(!HAVE_CHROMIUM)('search by a local name in a real Chromium', () => {
  const served = useServedOrigin(drivers[0]!, () => ({
    now: Date.now(),
    places: realPlaces([REAL.munich, REAL.cologne, REAL.paris]),
  }));
  const profile = createProfile();
  afterAll(() => profile.remove());

  it('finds Munich when a person types "München" into the search form', async () => {
    const browser = await profile.launch();
    try {
      const page = await browser.newPage();
      await page.goto(`${served.base}/FR/Paris`);
      await page.getByRole('searchbox', { name: 'Find a place' }).fill('München');
      await page.getByRole('button', { name: 'Go' }).click();
      await page.waitForURL(/\/search\?q=munchen$/);
      const result = page.getByRole('link', { name: 'Munich' });
      await expect(result.isVisible()).resolves.toBe(true);
      await expect(page.getByText('Bavaria, Germany · pop. 1,260,391').isVisible()).resolves.toBe(
        true,
      );
      expect(existsSync(await saveScreenshot(page, 'search-munchen'))).toBe(true);
      await result.click();
      await page.waitForURL(`${served.base}/DE/Munich`);
      await expect(page.getByText('Bavaria, Germany').first().isVisible()).resolves.toBe(true);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
