import { describe, expect, it } from 'vitest';
import { drivers } from '../support/databases.ts';
import { useTestOrigin } from '../support/fixture.ts';

/**
 * Whether robots.txt lets a crawler read a path (and query), as RFC 9309 says: of the rules
 * for `*` that match, the longest wins, an allow on a tie; `*` matches anything, `$` the end.
 */
function robotsAllow(text: string) {
  const rules = [...text.matchAll(/^(Allow|Disallow): (\S+)$/gm)].map(([, kind, pattern]) => ({
    allow: kind === 'Allow',
    length: pattern!.length,
    // Escaped but for `*` (anything) and `$`, which ends a pattern here as it does in RFC 9309.
    re: new RegExp(`^${pattern!.replace(/[.+?^{}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}`),
  }));
  return (path: string) => {
    const matching = rules.filter((r) => r.re.test(path));
    matching.sort((a, b) => b.length - a.length || Number(b.allow) - Number(a.allow));
    return matching[0]?.allow ?? true;
  };
}

const WEEK = 'public, max-age=604800, stale-while-revalidate=86400, stale-if-error=2592000';

describe('the files browsers and crawlers ask for, and the API reference', () => {
  const origin = useTestOrigin(drivers[0]!);

  it.each([
    ['/favicon.ico', 'image/x-icon'],
    ['/favicon.svg', 'image/svg+xml'],
    ['/robots.txt', 'text/plain; charset=utf-8'],
    ['/api', 'text/html; charset=utf-8'],
  ])('serves %s as %s, cached for a week with an ETag', async (path, type) => {
    const res = await origin().get(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(type);
    expect(res.headers.get('cdn-cache-control')).toBe(WEEK);
    const etag = res.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await origin().get(path, { 'if-none-match': etag! });
    expect(again.status).toBe(304);
  });

  it('serves a real icon: an ICO directory of 16, 32 and 48 px PNGs', async () => {
    const ico = Buffer.from(await (await origin().get('/favicon.ico')).arrayBuffer());
    expect(ico.readUInt16LE(2)).toBe(1);
    const count = ico.readUInt16LE(4);
    const sizes = Array.from({ length: count }, (_, i) => ico.readUInt8(6 + 16 * i));
    expect(sizes).toEqual([16, 32, 48]);
    const first = ico.readUInt32LE(6 + 12);
    expect(ico.subarray(first, first + 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
  });

  it('tells crawlers to leave the API and the endless spaces alone, not the landing page', async () => {
    const text = await (await origin().get('/robots.txt')).text();
    expect(text).toMatch(/^User-agent: \*$/m);
    const allowed = robotsAllow(text);
    for (const path of ['/search', '/', '/GB/London', '/GB/London/2026-11-20', '/api'])
      expect(allowed(path), path).toBe(true);
    for (const path of [
      '/search?q=lon',
      '/search?q=lon&country=GB',
      '/v1/locations?q=lon',
      '/@51.51,-0.13',
    ])
      expect(allowed(path), path).toBe(false);
  });

  it('links the icons and the API reference from every page', async () => {
    const page = await (await origin().get('/GB/London')).text();
    expect(page).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml">');
    expect(page).toContain('href="/favicon.ico"');
    expect(page).toContain('<a href="/api">API reference</a>');
  });

  it('renders every operation and schema of the description on /api, scripts only enhancing it', async () => {
    const doc = await origin().getJson('/v1/openapi.json');
    const page = await (await origin().get('/api')).text();
    // Two deferred scripts of the site's own, and nothing inline: the site's (suggestions under
    // the header's search box) and the reference's (a "Copy" button by each snippet). Everything
    // else is in the page as served, the snippets' text included, so it works without them.
    const scripts = [...page.matchAll(/<script\b[^>]*>/g)].map(([tag]) => tag);
    expect(scripts).toEqual([
      expect.stringMatching(/^<script src="\/assets\/search\.[0-9a-f]{10}\.js" defer>$/),
      expect.stringMatching(/^<script src="\/assets\/copy\.[0-9a-f]{10}\.js" defer>$/),
    ]);
    expect(page).not.toContain('class="copy"');
    expect(page).toContain(
      '<pre tabindex="0" aria-label="curl: the request built above"><code>curl -fsSL',
    );
    for (const [path, item] of Object.entries<object>(doc.paths)) {
      for (const method of Object.keys(item)) {
        expect(page).toContain(
          `<span class="method">${method.toUpperCase()}</span> <code>${path}</code>`,
        );
      }
    }
    for (const name of Object.keys(doc.components.schemas))
      expect(page).toContain(`id="schema-${name}"`);
    expect(page).toContain(
      'Try it: <a href="/GB/London.json"><code>GET /GB/London.json</code></a>',
    );
  });

  it.each([
    ['/GB/Atlantis', 'text/html; charset=utf-8'],
    ['/GB/Atlantis.json', 'application/problem+json; charset=utf-8'],
    ['/GB/Atlantis.txt', 'text/plain; charset=utf-8'],
    ['/GB/Atlantis/line.txt', 'text/plain; charset=utf-8'],
    ['/no/such/place', 'text/html; charset=utf-8'],
    ['/v1/no/such/place', 'application/problem+json; charset=utf-8'],
    ['/healthz/x', 'application/problem+json; charset=utf-8'],
    ['/api?x=1', 'text/html; charset=utf-8'],
  ])('answers the problem at %s as %s', async (path, type) => {
    const res = await origin().get(path, { accept: 'text/html' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.headers.get('content-type')).toBe(type);
  });
});
