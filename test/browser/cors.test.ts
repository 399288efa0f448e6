import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProfile, HAVE_CHROMIUM } from '../support/browser.ts';
import { drivers } from '../support/databases.ts';
import { useServedOrigin } from '../support/fixture.ts';
import { saveScreenshot } from '../support/screenshots.ts';

/**
 * A page served from one local port reads the JSON API on another: a different origin to the
 * browser, so every check below is Chromium's own CORS enforcement, not ours.
 */
const PAGE = `<!doctype html><meta charset="utf-8"><title>isobar CORS client</title>
<h1>Another site reading isobar</h1><pre id="out">running…</pre>
<script>
const api = new URL(location.href).searchParams.get('api');
const out = document.getElementById('out');
async function run() {
  const first = await fetch(api + '/v1/locations?q=lon');
  const body = await first.json();
  const etag = first.headers.get('etag');
  // If-None-Match is not a safelisted header: this request needs a preflight.
  const again = await fetch(api + '/v1/locations?q=lon', { headers: { 'if-none-match': etag } });
  const doc = await fetch(api + '/GB/London.json');
  let write = 'allowed';
  try {
    await fetch(api + '/v1/observations', {
      method: 'POST',
      headers: { authorization: 'Bearer not-a-token', 'content-type': 'application/json' },
      body: '[]',
    });
  } catch (error) {
    write = 'refused: ' + error.name;
  }
  return {
    status: first.status,
    results: body.results.map((r) => r.path),
    etag,
    requestId: first.headers.get('x-request-id'),
    again: again.status,
    againEtag: again.headers.get('etag'),
    place: (await doc.json()).location.path,
    write,
  };
}
window.result = run().then(
  (r) => { out.textContent = JSON.stringify(r, null, 2); return r; },
  (e) => { out.textContent = String(e); throw e; },
);
</script>`;

describe.skipIf(!HAVE_CHROMIUM)('the JSON API from another site, in a real Chromium', () => {
  const api = useServedOrigin(drivers[0]!, () => ({ now: Date.now() }));
  let site: Server;
  let siteUrl: string;
  const profile = createProfile();

  beforeAll(async () => {
    site = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
    });
    await new Promise<void>((done) => site.listen(0, '127.0.0.1', done));
    siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/`;
  }, 60_000);

  afterAll(async () => {
    await new Promise((done) => site?.close(done));
    profile.remove();
  });

  it('reads the body and the ETag, sends a preflighted conditional GET, and cannot write', async () => {
    const browser = await profile.launch();
    try {
      const page = await browser.newPage();
      const preflights = () =>
        api.o.counter('isobar_http_requests_total', { method: 'OPTIONS', route: 'search' });
      const before = await preflights();
      await page.goto(`${siteUrl}?api=${encodeURIComponent(api.base)}`);
      const result = await page.evaluate(
        () => (globalThis as unknown as { result: unknown }).result,
      );
      await saveScreenshot(page, 'cors-cross-origin-fetch');
      expect(result).toMatchObject({
        status: 200,
        etag: expect.stringMatching(/^"[\w-]+"$/),
        requestId: expect.any(String),
        again: 304,
        place: '/GB/London',
        write: 'refused: TypeError',
      });
      const { results, etag, againEtag } = result as Record<string, unknown>;
      expect(results).toContain('/GB/London');
      expect(againEtag).toBe(etag);
      // Chromium sent the preflight for If-None-Match, and the origin answered it.
      expect(await preflights()).toBe(before + 1);
    } finally {
      await browser.close();
    }
  });

  it('opens a link shared with tracking parameters on the clean page', async () => {
    const browser = await profile.launch();
    try {
      const page = await browser.newPage();
      const shared = '/GB/London?utm_source=newsletter&utm_medium=email&fbclid=IwAR0';
      const res = await page.goto(`${api.base}${shared}`);
      expect(res?.status()).toBe(200);
      expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/GB/London');
      await expect(page.locator('h1').first().textContent()).resolves.toMatch(/London/);
      await saveScreenshot(page, 'tracking-parameters-301');
    } finally {
      await browser.close();
    }
  });
});
