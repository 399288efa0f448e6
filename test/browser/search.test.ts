import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startNodeServer } from '../../src/runtime/node.ts';
import { createProfile, HAVE_CHROMIUM } from '../support/browser.ts';
import { drivers } from '../support/databases.ts';
import { createTestOrigin, type TestOrigin } from '../support/fixture.ts';
import { REAL, realPlaces } from '../support/real-places.ts';
import { saveScreenshot } from '../support/screenshots.ts';

describe.skipIf(!HAVE_CHROMIUM)('search by a local name in a real Chromium', () => {
  let o: TestOrigin;
  let server: RunningServer;
  let base: string;
  const profile = createProfile();

  beforeAll(async () => {
    o = await createTestOrigin(drivers[0]!, {
      now: Date.now(),
      places: realPlaces([REAL.munich, REAL.cologne, REAL.paris]),
    });
    server = await startNodeServer(o.app, { host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${server.port}`;
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await o?.t.dispose();
    profile.remove();
  });

  it('finds Munich when a person types "München" into the search form', async () => {
    const browser = await profile.launch();
    try {
      const page = await browser.newPage();
      await page.goto(`${base}/FR/Paris`);
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
      await page.waitForURL(`${base}/DE/Munich`);
      await expect(page.getByText('Bavaria, Germany').first().isVisible()).resolves.toBe(true);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
