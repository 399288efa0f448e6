import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HAVE_CHROMIUM, useBrowser } from '../support/browser.ts';
import { drivers } from '../support/databases.ts';
import { useServedOrigin } from '../support/fixture.ts';
import { horizontalOverflow, seriousViolations } from '../support/page-checks.ts';
import { saveScreenshot } from '../support/screenshots.ts';

describe.skipIf(!HAVE_CHROMIUM || drivers[0]!.skip)('the API reference in a real Chromium', () => {
  const served = useServedOrigin(drivers[0]!);
  const browser = useBrowser();

  it.each([1280, 390])(
    'at %i px: styled, nothing sideways, no serious axe finding',
    async (width) => {
      const context = await browser().newContext({ viewport: { width, height: 900 } });
      try {
        const page = await context.newPage();
        const refused: string[] = [];
        page.on('console', (m) => {
          if (m.type() === 'error') refused.push(m.text());
        });
        await page.goto(`${served.base}/api`);
        // The reference's own style applies (the CSP allows it by hash): an operation is a card.
        const card =
          "getComputedStyle(document.getElementById('get-country-name')).backgroundColor";
        expect(await page.evaluate<string>(card)).toBe('rgb(255, 255, 255)');
        expect(refused).toEqual([]);
        expect(await horizontalOverflow(page)).toBe(0);
        expect(await seriousViolations(page)).toEqual([]);
        expect(existsSync(await saveScreenshot(page, `api-reference-${width}`))).toBe(true);
      } finally {
        await context.close();
      }
    },
    120_000,
  );

  it('builds a request with JavaScript off, as a plain GET form', async () => {
    const context = await browser().newContext({
      viewport: { width: 390, height: 900 },
      javaScriptEnabled: false,
    });
    try {
      const page = await context.newPage();
      await page.goto(`${served.base}/api`);
      await page.getByRole('textbox', { name: 'Place', exact: true }).fill('FR/Paris');
      await page.getByRole('combobox', { name: 'Format' }).selectOption('txt');
      await page.getByRole('button', { name: 'Build the request' }).click();
      await page.waitForURL(/\/api\?place=FR%2FParis&date=&format=txt&units=#build$/);
      await page.getByRole('link', { name: 'GET /FR/Paris.txt' }).click();
      await page.waitForURL(`${served.base}/FR/Paris.txt`);
      expect(await page.textContent('body')).toContain('Paris, France');
    } finally {
      await context.close();
    }
  }, 60_000);
});
