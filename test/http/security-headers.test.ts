import { describe, expect, it } from 'vitest';
import { drivers } from '../support/databases.ts';
import { useServedOrigin, useTestOrigin } from '../support/fixture.ts';
import { policyOf, sha256 } from '../support/policy.ts';

/** One URI of each kind of page a browser shows: the site's, the API reference, the dashboard's. */
const PAGES = [
  '/search',
  '/GB/London',
  '/GB/London/2026-11-20',
  '/search?q=lon',
  '/api',
  '/dashboard',
  '/dashboard/GB/London',
  '/dashboard/compare?from=2026-11-01&places=GB%2FLondon%2CFR%2FParis&to=2026-11-22',
  '/GB/Atlantis',
  '/GB/London?bogus=1',
  '/nothing/lives/here/at/all',
];

/** One URI of each other kind of answer: documents, text, problems, files, redirects. */
const OTHERS = [
  '/GB/London.json',
  '/GB/London.txt',
  '/GB/London/2026-11-20.json',
  '/v1/locations?q=lon',
  '/v1/locations/GB/Atlantis',
  '/v1/openapi.json',
  '/favicon.svg',
  '/favicon.ico',
  '/robots.txt',
  '/gb/london',
  '/@51.51,-0.13',
  '/',
  '/London',
];

/** What every answer carries, whatever it is. */
function expectAlways(res: Response, uri: string) {
  expect(res.headers.get('x-content-type-options'), uri).toBe('nosniff');
  expect(res.headers.get('referrer-policy'), uri).toBe('strict-origin-when-cross-origin');
}

/** A page's headers, and a policy that allows what the page holds and nothing else inline. */
function expectPagePolicy(res: Response, body: string, uri: string) {
  expectAlways(res, uri);
  expect(res.headers.get('content-type'), uri).toMatch(/^text\/html/);
  expect(res.headers.get('x-frame-options'), uri).toBe('DENY');
  const policy = policyOf(res);
  expect(policy.get('frame-ancestors'), uri).toEqual(["'none'"]);
  expect(policy.get('default-src'), uri).toEqual(["'none'"]);
  expect(policy.get('script-src'), uri).toEqual(["'self'"]);
  expect(policy.get('base-uri'), uri).toEqual(["'none'"]);
  // Every inline style is allowed by its hash; no script runs inline (data blocks only).
  for (const [, css] of body.matchAll(/<style>([^<]*)<\/style>/g))
    expect(policy.get('style-src'), `${uri}: a <style> not allowed`).toContain(sha256(css!));
  for (const [tag] of body.matchAll(/<script\b[^>]*>/g))
    expect(tag, uri).toMatch(/\bsrc="\/|type="application\/(json|problem\+json)"/);
  expect(body, uri).not.toMatch(/\sstyle=|\son[a-z]+=/i);
}

describe.each(drivers)('security headers on $name', (driver) => {
  const origin = useTestOrigin(driver);

  it.skipIf(driver.skip)('gives every page a policy it satisfies, unframeable', async () => {
    for (const uri of PAGES) {
      const res = await origin().get(uri);
      expectPagePolicy(res, await res.text(), uri);
    }
  });

  it.skipIf(driver.skip)('sends them with copies served from the cache too', async () => {
    for (const uri of [...PAGES, ...OTHERS]) {
      await origin().get(uri);
      const again = await origin().get(uri);
      expectAlways(again, uri);
      expect(policyOf(again).get('frame-ancestors'), uri).toEqual(["'none'"]);
    }
  });

  it.skipIf(driver.skip)(
    'gives every other answer nosniff and a policy that lets it do nothing',
    async () => {
      const assets = [
        /"(\/assets\/[^"]+)"/.exec(await (await origin().get('/GB/London')).text())?.[1],
        ...[
          ...(await (await origin().get('/dashboard/GB/London')).text()).matchAll(
            /"(\/dashboard\/assets\/[^"]+)"/g,
          ),
        ].map((m) => m[1]),
      ];
      expect(assets.length).toBeGreaterThanOrEqual(4);
      for (const uri of [...OTHERS, ...(assets as string[])]) {
        const res = await origin().get(uri);
        expect(res.status, uri).toBeLessThan(500);
        expectAlways(res, uri);
        expect(res.headers.get('content-security-policy'), uri).toBe(
          "default-src 'none'; frame-ancestors 'none'",
        );
        expect(res.headers.get('x-frame-options'), uri).toBeNull();
      }
    },
  );

  it.skipIf(driver.skip)(
    "keeps a 304 from replacing the stored answer's policy with another",
    async () => {
      for (const uri of ['/GB/London', '/GB/London.json']) {
        const first = await origin().get(uri);
        const again = await origin().get(uri, { 'if-none-match': first.headers.get('etag')! });
        expect(again.status, uri).toBe(304);
        expectAlways(again, uri);
        expect(again.headers.get('content-security-policy'), uri).toBeNull();
        expect(again.headers.get('x-frame-options'), uri).toBeNull();
      }
    },
  );
});

describe('security headers from the Node server', () => {
  const served = useServedOrigin(drivers[0]!);

  it.skipIf(drivers[0]!.skip)(
    'on answers given before routing and on its own refusals',
    async () => {
      for (const uri of ['/GB/London', '/GB/London', `/${'a'.repeat(9000)}`]) {
        const res = await fetch(`${served.base}${uri}`);
        const body = await res.text();
        expectPagePolicy(res, body, uri.slice(0, 20));
      }
    },
  );
});
