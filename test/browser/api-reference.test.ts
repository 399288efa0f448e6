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

  it.each([
    [1280, 'light', 'rgb(255, 255, 255)'],
    [390, 'light', 'rgb(255, 255, 255)'],
    [1280, 'dark', 'rgb(27, 35, 44)'],
    [390, 'dark', 'rgb(27, 35, 44)'],
  ] as const)(
    'at %i px, %s: styled, nothing sideways, no serious axe finding',
    async (width, scheme, cardColour) => {
      const context = await browser().newContext({
        viewport: { width, height: 900 },
        colorScheme: scheme,
      });
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
        expect(await page.evaluate<string>(card)).toBe(cardColour);
        // Copy buttons by the snippets, checked with the rest (contrast, names, size).
        await page.locator('button.copy').first().waitFor();
        expect(refused).toEqual([]);
        expect(await horizontalOverflow(page)).toBe(0);
        expect(await seriousViolations(page)).toEqual([]);
        const name = `api-reference-${width}${scheme === 'dark' ? '-dark' : ''}`;
        expect(existsSync(await saveScreenshot(page, name))).toBe(true);
      } finally {
        await context.close();
      }
    },
    120_000,
  );

  it('copies a snippet by keyboard, and says so to screen readers', async () => {
    const context = await browser().newContext({ viewport: { width: 1280, height: 900 } });
    try {
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
        origin: served.base,
      });
      const page = await context.newPage();
      await page.goto(`${served.base}/api`);
      const build = page.locator('#build');
      const snippet = build.locator('.snippets pre').first();
      const copy = build.getByRole('button', { name: 'Copy curl: the request built above' });
      await copy.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByRole('status').last().textContent()).toBe('Copied');
      expect(await copy.textContent()).toBe('Copied');
      const copied = await page.evaluate<string>('navigator.clipboard.readText()');
      expect(copied).toBe(await snippet.textContent());
      expect(copied).toMatch(/^curl -fsSL 'http:\/\/127\.0\.0\.1:8080\/GB\/London\.json'$/);
      // Each snippet has its button: curl, JavaScript and PHP of every example.
      expect(await page.locator('button.copy').count()).toBe(
        await page.locator('.snippets pre').count(),
      );
    } finally {
      await context.close();
    }
  }, 60_000);

  it('builds a request with JavaScript off, as a plain GET form', async () => {
    const context = await browser().newContext({
      viewport: { width: 390, height: 900 },
      javaScriptEnabled: false,
    });
    try {
      const page = await context.newPage();
      await page.goto(`${served.base}/api`);
      // No button that could not work: the snippets are there to select and copy by hand.
      expect(await page.locator('button.copy').count()).toBe(0);
      expect(await page.locator('.snippets pre').count()).toBeGreaterThan(10);
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
