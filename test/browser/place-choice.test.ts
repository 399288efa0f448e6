import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAVE_CHROMIUM, useBrowser } from '../support/browser.ts';
import { drivers } from '../support/databases.ts';
import { useServedOrigin } from '../support/fixture.ts';

describe.skipIf(!HAVE_CHROMIUM)('choosing a place in a real Chromium', () => {
  // No geolocation: a first visit gets the landing page.
  const served = useServedOrigin(drivers[0]!);
  const browser = useBrowser();
  // Another site (`localhost` is not the site `127.0.0.1`) with a form and a frame aimed at us.
  let foreign: Server;
  let foreignBase: string;
  beforeAll(async () => {
    foreign = createServer((_, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><form action="${served.base}/" method="post">
<input type="hidden" name="place" value="FR/Paris"><button type="submit">Win a prize</button></form>
<iframe src="${served.base}/GB/London" title="framed"></iframe>`);
    });
    await new Promise<void>((done) => foreign.listen(0, '127.0.0.1', done));
    foreignBase = `http://localhost:${(foreign.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((done) => foreign?.close(done)));

  const placeCookie = async (context: Awaited<ReturnType<Browser['newContext']>>) =>
    (await context.cookies(served.base)).find((c) => c.name === 'place')?.value;

  it('remembers a place found from the landing page, without JavaScript', async () => {
    const context = await browser().newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(`${served.base}/`);
      await page.waitForURL(`${served.base}/search`);
      expect(await page.locator('h1').textContent()).toBe('Weather for any place');
      await page.getByRole('link', { name: /^Paris\b/ }).click();
      await page.waitForURL(`${served.base}/FR/Paris`);
      // Opening a place does not make it the visitor's: its button does.
      expect(await placeCookie(context)).toBeUndefined();
      await page.getByRole('button', { name: 'Make Paris my place' }).click();
      await page.waitForURL(`${served.base}/FR/Paris`);
      expect(await placeCookie(context)).toBe('FR/Paris');
      await page.goto(`${served.base}/`);
      expect(new URL(page.url()).pathname).toBe('/FR/Paris');
    } finally {
      await context.close();
    }
  });

  it('lets an old "make this my place" link only ask, and remembers on the answer', async () => {
    const context = await browser().newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await page.goto(`${served.base}/?place=gb/london`);
      expect(await placeCookie(context)).toBeUndefined();
      await page.getByRole('button', { name: 'Remember GB/London' }).click();
      await page.waitForURL(`${served.base}/GB/London`);
      expect(await placeCookie(context)).toBe('GB/London');
    } finally {
      await context.close();
    }
  });

  it('lets another site neither set the place by a form nor frame a page', async () => {
    const context = await browser().newContext();
    try {
      const page = await context.newPage();
      const refused: string[] = [];
      page.on('console', (m) => {
        if (/frame-ancestors/.test(m.text())) refused.push(m.text());
      });
      await page.goto(foreignBase);
      await expect.poll(() => refused.length).toBeGreaterThan(0);
      const answer = page.waitForResponse(`${served.base}/`);
      await page.getByRole('button', { name: 'Win a prize' }).click();
      expect((await answer).status()).toBe(403);
      expect(await placeCookie(context)).toBeUndefined();
    } finally {
      await context.close();
    }
  });
});
