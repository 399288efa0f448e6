import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/axe.ts';
import { HAVE_CHROMIUM, launchBrowser } from '../support/browser.ts';
import { drivers } from '../support/databases.ts';
import { useServedOrigin } from '../support/fixture.ts';
import { SCREENSHOTS, saveScreenshot } from '../support/screenshots.ts';

/** Another site (another port: another origin) that embeds London as yr.no's users do. */
const hostPage = (base: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>A host site</title>
<style>body{font-family:sans-serif;margin:8px}img{max-width:100%;height:auto}iframe{border:0;width:100%;max-width:420px;height:640px}</style></head>
<body><main><h1>Weather on another site</h1>
<img id="chart" src="${base}/GB/London/meteogram.svg" alt="Forecast for London">
<iframe id="widget" src="${base}/GB/London/widget" title="Weather in London"></iframe>
<iframe id="page" src="${base}/GB/London" title="The place page, which refuses to be framed"></iframe>
</main></body></html>`;

describe.skipIf(!HAVE_CHROMIUM)('the embeds in a real Chromium', () => {
  const served = useServedOrigin(drivers[0]!);
  let browser: Browser;
  let host: Server;
  let hostBase: string;
  beforeAll(async () => {
    browser = await launchBrowser();
    host = createServer((_, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(hostPage(served.base));
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    hostBase = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => host?.close(resolve));
  });

  it.each([1280, 390])(
    'another site at %i px shows the image and the widget, and not the page',
    async (width) => {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      try {
        const page = await context.newPage();
        await page.goto(hostBase, { waitUntil: 'load' });
        const image = (await page.evaluate(
          `(() => { const i = document.getElementById('chart'); return [i.complete, i.naturalWidth]; })()`,
        )) as [boolean, number];
        expect(image).toEqual([true, 796]);
        const widget = page.frames().find((f) => f.url() === `${served.base}/GB/London/widget`);
        expect(widget, 'the widget frame loaded').toBeDefined();
        const seen = (await widget!.evaluate(`({
          title: document.title,
          overflow: document.documentElement.scrollWidth - window.innerWidth,
          broken: [...document.images].filter((i) => !(i.complete && i.naturalWidth > 0)).length,
          charts: document.querySelectorAll('svg.meteogram').length,
        })`)) as { title: string; overflow: number; broken: number; charts: number };
        expect(seen).toEqual({
          title: 'London, United Kingdom · isobar',
          overflow: 0,
          broken: 0,
          charts: 1,
        });
        expect(await seriousViolations(widget!)).toEqual([]);
        // frame-ancestors 'none': Chromium shows its own error page in the place page's frame.
        const refused = await (await page.$('#page'))!.contentFrame();
        expect(refused!.url()).toMatch(/^chrome-error:/);
        await saveScreenshot(page, `embeds-host-${width}`);
      } finally {
        await context.close();
      }
    },
  );

  it('opens the image on its own styled (its policy allows its style) and readable', async () => {
    const context = await browser.newContext({ viewport: { width: 796, height: 372 } });
    try {
      const page = await context.newPage();
      const res = await page.goto(`${served.base}/GB/London/meteogram.svg`, { waitUntil: 'load' });
      expect(res?.headers()['content-type']).toBe('image/svg+xml');
      const stroke = await page.evaluate(
        `getComputedStyle(document.querySelector('.temp')).stroke`,
      );
      expect(stroke).toBe('rgb(197, 48, 48)');
      // An SVG document has no page to scroll: the viewport, sized to the image, is all of it.
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, 'embeds-meteogram-svg.png') });
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.screenshot({ path: join(SCREENSHOTS, 'embeds-meteogram-svg-dark.png') });
    } finally {
      await context.close();
    }
  });

  it.each(['light', 'dark'] as const)(
    'the widget alone at 390 px, %s: nothing overflows, axe finds nothing serious',
    async (colorScheme) => {
      const context = await browser.newContext({
        viewport: { width: 390, height: 700 },
        colorScheme,
      });
      try {
        const page = await context.newPage();
        await page.goto(`${served.base}/GB/London/widget`, { waitUntil: 'load' });
        const overflow = await page.evaluate(
          'document.documentElement.scrollWidth - window.innerWidth',
        );
        expect(overflow).toBe(0);
        expect(await seriousViolations(page)).toEqual([]);
        await saveScreenshot(page, `embeds-widget-390${colorScheme === 'dark' ? '-dark' : ''}`);
        // In a wide frame the credits stay under the rest, at its left edge, not centred apart.
        await page.setViewportSize({ width: 1000, height: 700 });
        const lefts = await page.evaluate<number[]>(
          `['main', 'footer'].map((s) => document.querySelector(s).getBoundingClientRect().left)`,
        );
        expect(lefts[1]).toBe(lefts[0]);
      } finally {
        await context.close();
      }
    },
  );
});
