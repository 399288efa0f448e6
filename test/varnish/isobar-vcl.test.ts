import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CacheOrigin, send, startCacheOrigin } from '../support/cache-origin.ts';
import { compileVcl, HAVE_VARNISH, startVarnish, type Varnish } from '../support/varnish.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What the origin sends on a cacheable answer: a short browser lifetime, the CDN's own. */
const cacheable = (cdn: string, tags = 'isobar') => ({
  'cache-control': 'public, max-age=1',
  'cdn-cache-control': `public, ${cdn}`,
  'cache-tag': tags,
});

describe.skipIf(!HAVE_VARNISH)('the shipped VCL in a real Varnish', () => {
  let origin: CacheOrigin;
  let varnish: Varnish;
  const get = (path: string, headers: Record<string, string> = {}) =>
    send(`${varnish.base}${path}`, { headers });
  const purge = (tags: string) =>
    send(varnish.base, { method: 'PURGE', headers: { 'xkey-purge': tags } });

  beforeAll(async () => {
    origin = await startCacheOrigin();
    varnish = await startVarnish({ backendPort: origin.port });
  });
  afterAll(async () => {
    await varnish?.stop();
    await origin?.close();
  });

  it('compiles with the example include it ships with', () => {
    const example = resolve(import.meta.dirname, '../../edge/varnish/isobar-site.example.vcl');
    const result = compileVcl(readFileSync(example, 'utf8'));
    expect(result.ok, result.output.slice(-2000)).toBe(true);
  });

  it("keeps an answer for CDN-Cache-Control's lifetime, else Cache-Control's, else not at all", async () => {
    // Path, what the origin sends, and what Varnish answers first and 1.5 s later.
    const cases: [string, Record<string, string>, string, string][] = [
      ['/GB/Cdn', cacheable('max-age=60'), 'miss', 'hit #1'],
      ['/GB/Plain', { 'cache-control': 'public, max-age=1' }, 'miss', 'miss #2'],
      ['/GB/Shared', { 'cache-control': 'public, max-age=1, s-maxage=60' }, 'miss', 'hit #1'],
      [
        '/GB/Strict',
        cacheable('max-age=1, stale-while-revalidate=30, must-revalidate'),
        'miss',
        'miss #2',
      ],
      ['/GB/Private', { 'cache-control': 'private, no-store' }, 'bypass', 'bypass #2'],
      ['/GB/Unsaid', {}, 'bypass', 'bypass #2'],
      ['/GB/Cookie', { ...cacheable('max-age=60'), 'set-cookie': 'a=b' }, 'bypass', 'bypass #2'],
      [
        '/GB/Refused',
        { 'cache-control': 'public, max-age=60', 'cdn-cache-control': 'no-store' },
        'bypass',
        'bypass #2',
      ],
    ];
    for (const [path, headers] of cases) origin.answer(path, { headers });
    const first = await Promise.all(cases.map(([path]) => get(path)));
    expect(first.map((r) => r.headers['x-isobar-edge'])).toEqual(cases.map((c) => c[2]));
    await sleep(1500);
    const later = await Promise.all(cases.map(([path]) => get(path)));
    expect(
      later.map((r) => `${r.headers['x-isobar-edge']} #${r.text.split('#')[1]!.trim()}`),
    ).toEqual(cases.map((c) => c[3]));
    // Past Cache-Control's second, CDN-Cache-Control's minute still holds; browsers get theirs.
    expect(Number(later[0]!.headers.age)).toBeGreaterThanOrEqual(1);
    expect(later[0]!.headers['cache-control']).toBe('public, max-age=1');
  });

  it("keeps the origin's br, gzip and identity answers apart, one copy each", async () => {
    origin.answer('/GB/Coded', { headers: cacheable('max-age=60') });
    const asked = [
      ['gzip, deflate, br', 'br'],
      ['br', 'br'],
      ['gzip', 'gzip'],
      ['br;q=0, gzip;q=0.8', 'gzip'],
      ['deflate', undefined],
      ['', undefined],
      ['identity', undefined],
      ['BR', 'br'],
    ] as const;
    const answers = [];
    for (const [accept, _] of asked) {
      answers.push(await get('/GB/Coded', accept ? { 'accept-encoding': accept } : {}));
    }
    expect(answers.map((r) => r.headers['content-encoding'])).toEqual(asked.map(([, c]) => c));
    expect(answers.map((r) => r.text)).toEqual([
      '/GB/Coded #1\n',
      '/GB/Coded #1\n',
      '/GB/Coded #2\n',
      '/GB/Coded #2\n',
      '/GB/Coded #3\n',
      '/GB/Coded #3\n',
      '/GB/Coded #3\n',
      '/GB/Coded #1\n',
    ]);
    expect(new Set(answers.map((r) => r.headers.etag))).toEqual(
      new Set(['"1-br"', '"2-gzip"', '"3"']),
    );
    expect(answers.every((r) => r.headers.vary === 'Accept-Encoding')).toBe(true);
    // The origin was asked once per coding, with the coding it should answer in.
    expect(origin.requestsFor('/GB/Coded').map((r) => r.headers['accept-encoding'])).toEqual([
      'br',
      'gzip',
      undefined,
    ]);
  });

  it('serves a stale copy within stale-while-revalidate while one background fetch refreshes it', async () => {
    origin.answer('/GB/Swr', {
      headers: cacheable('max-age=1, stale-while-revalidate=30, stale-if-error=60'),
      delayMs: 1000,
    });
    await get('/GB/Swr');
    await sleep(1200);
    const started = performance.now();
    const stale = await Promise.all(Array.from({ length: 5 }, () => get('/GB/Swr')));
    // Nobody waited for the origin's second.
    expect(performance.now() - started).toBeLessThan(700);
    expect(stale.map((r) => [r.text, r.headers['x-isobar-edge']])).toEqual(
      Array.from({ length: 5 }, () => ['/GB/Swr #1\n', 'stale']),
    );
    await sleep(1300);
    expect(origin.requestsFor('/GB/Swr')).toHaveLength(2);
    expect(await get('/GB/Swr')).toMatchObject({
      text: '/GB/Swr #2\n',
      headers: { 'x-isobar-edge': 'hit' },
    });
  });

  it('fetches a copy past stale-while-revalidate anew while the origin answers', async () => {
    origin.answer('/GB/Due', {
      headers: cacheable('max-age=1, stale-while-revalidate=0, stale-if-error=60'),
    });
    await get('/GB/Due');
    await sleep(1200);
    expect(await get('/GB/Due')).toMatchObject({
      text: '/GB/Due #2\n',
      headers: { 'x-isobar-edge': 'miss' },
    });
    expect(await get('/GB/Due')).toMatchObject({ text: '/GB/Due #2\n' });
  });

  it('serves the stale copy when the origin fails within stale-if-error, and the failure past it', async () => {
    const headers = cacheable('max-age=1, stale-while-revalidate=0, stale-if-error=3');
    origin.answer('/GB/Sie', { headers });
    await get('/GB/Sie');
    await sleep(1200);
    origin.answer('/GB/Sie', { status: 500, headers: { 'cache-control': 'no-store' } });
    expect(await get('/GB/Sie')).toMatchObject({
      status: 200,
      text: '/GB/Sie #1\n',
      headers: { 'x-isobar-edge': 'stale' },
    });
    origin.answer('/GB/Sie', { fault: 'reset' });
    expect(await get('/GB/Sie')).toMatchObject({ status: 200, text: '/GB/Sie #1\n' });
    // The failed try is the only one: no background fetch follows the stale answer.
    const tries = origin.requestsFor('/GB/Sie').length;
    await sleep(300);
    expect(origin.requestsFor('/GB/Sie')).toHaveLength(tries);
    await sleep(2700);
    expect((await get('/GB/Sie')).status).toBe(503);
    origin.answer('/GB/Sie', { headers });
    expect(await get('/GB/Sie')).toMatchObject({
      status: 200,
      headers: { 'x-isobar-edge': 'miss' },
    });
  });

  it('collapses concurrent misses for one URI into one origin request', async () => {
    origin.answer('/GB/Busy', { headers: cacheable('max-age=60'), delayMs: 300 });
    const answers = await Promise.all(Array.from({ length: 20 }, () => get('/GB/Busy')));
    expect(new Set(answers.map((r) => r.text))).toEqual(new Set(['/GB/Busy #1\n']));
    expect(origin.requestsFor('/GB/Busy')).toHaveLength(1);
  });

  it('lets requests for an uncacheable answer reach the origin side by side, not in a queue', async () => {
    origin.answer('/GB/Own', { headers: { 'cache-control': 'private, no-store' }, delayMs: 500 });
    await get('/GB/Own');
    const started = performance.now();
    await Promise.all(Array.from({ length: 5 }, () => get('/GB/Own')));
    expect(performance.now() - started).toBeLessThan(1500);
    const arrivals = origin
      .requestsFor('/GB/Own')
      .slice(1)
      .map((r) => r.at);
    expect(arrivals).toHaveLength(5);
    expect(Math.max(...arrivals) - Math.min(...arrivals)).toBeLessThan(400);
  });

  it('purges by tag only the answers that carry it, in every coding, without case', async () => {
    origin.answer('/GB/London', {
      headers: cacheable('max-age=60', 'place:GB/London,country:GB,isobar'),
    });
    origin.answer('/GB/London.json', {
      headers: cacheable('max-age=60', 'place:GB/London, country:GB, isobar'),
    });
    origin.answer('/GB/Leeds', {
      headers: cacheable('max-age=60', 'place:GB/Leeds,country:GB,isobar'),
    });
    origin.answer('/FR/Paris', {
      headers: cacheable('max-age=60', 'place:FR/Paris,country:FR,isobar'),
    });
    const warm = [
      await get('/GB/London', { 'accept-encoding': 'br' }),
      await get('/GB/London'),
      await get('/GB/London.json'),
      await get('/GB/Leeds'),
      await get('/FR/Paris'),
    ];
    for (const answer of warm) {
      expect(answer.headers['cache-tag']).toBeUndefined();
      expect(answer.headers.xkey).toBeUndefined();
    }

    const purged = await purge('place:GB/London');
    expect(purged.status).toBe(200);
    expect(JSON.parse(purged.text)).toEqual({ purged: 3 });
    expect(purged.headers['x-isobar-purged']).toBe('3');
    // Warmed in br and identity (#1, #2): the first read after the purge is the origin's #3.
    expect((await get('/GB/London')).text).toBe('/GB/London #3\n');
    expect((await get('/GB/London.json')).text).toBe('/GB/London.json #2\n');
    expect(await get('/GB/Leeds')).toMatchObject({ headers: { 'x-isobar-edge': 'hit' } });
    expect(await get('/FR/Paris')).toMatchObject({ headers: { 'x-isobar-edge': 'hit' } });

    // Several tags at once, in the caller's case: the country's purges all of its places.
    expect(JSON.parse((await purge('COUNTRY:gb ranking:GB')).text)).toEqual({ purged: 3 });
    expect((await get('/GB/Leeds')).text).toBe('/GB/Leeds #2\n');
    expect(await get('/FR/Paris')).toMatchObject({ text: '/FR/Paris #1\n' });
    expect(JSON.parse((await purge('nothing:here')).text)).toEqual({ purged: 0 });
  });

  it('keeps `/` out of the cache with its cookies, and drops cookies on cacheable reads', async () => {
    origin.answer('/', {
      status: 302,
      headers: {
        location: '/GB/London',
        'cache-control': 'private, no-store',
        'set-cookie': 'place=GB/Leeds; Path=/',
      },
    });
    origin.answer('/?place=FR/Paris', {
      status: 302,
      headers: { 'cache-control': 'private, no-store' },
    });
    origin.answer('/GB/Cookieless', { headers: cacheable('max-age=60') });
    for (let i = 0; i < 2; i++) {
      const first = await get('/', { cookie: 'place=GB/Leeds' });
      expect(first).toMatchObject({ status: 302, headers: { 'x-isobar-edge': 'bypass' } });
      expect(first.headers['set-cookie']).toEqual(['place=GB/Leeds; Path=/']);
    }
    await get('/?place=FR/Paris', { cookie: 'place=GB/Leeds' });
    expect(origin.requestsFor('/').map((r) => r.headers.cookie)).toEqual([
      'place=GB/Leeds',
      'place=GB/Leeds',
    ]);
    expect(origin.requestsFor('/?place=FR/Paris')[0]!.headers.cookie).toBe('place=GB/Leeds');

    await get('/GB/Cookieless', { cookie: 'place=GB/Leeds' });
    expect(await get('/GB/Cookieless', { cookie: 'other=1' })).toMatchObject({
      headers: { 'x-isobar-edge': 'hit' },
    });
    expect(origin.requestsFor('/GB/Cookieless')[0]!.headers.cookie).toBeUndefined();
  });

  it('passes writes through with their credentials and body, never stored', async () => {
    origin.answer('/v1/observations', { status: 202, headers: { 'cache-control': 'no-store' } });
    for (let i = 0; i < 2; i++) {
      const answer = await send(`${varnish.base}/v1/observations`, {
        method: 'POST',
        headers: { authorization: 'Bearer t0k3n', 'content-type': 'application/json' },
        body: '{"observations":[]}',
      });
      expect(answer.status).toBe(202);
    }
    const seen = origin.requestsFor('/v1/observations');
    expect(seen.map((r) => [r.method, r.headers.authorization, r.body])).toEqual([
      ['POST', 'Bearer t0k3n', '{"observations":[]}'],
      ['POST', 'Bearer t0k3n', '{"observations":[]}'],
    ]);
  });

  it('refuses /metrics in every spelling the origin would route there', async () => {
    for (const path of [
      '/metrics',
      '/Metrics/',
      '//metrics',
      '/%6Detrics',
      '/%256d%65trics',
      '/metrics?x=1',
    ]) {
      expect((await get(path)).status, path).toBe(404);
    }
    expect(origin.requests.filter((r) => /metric|%/i.test(r.path))).toEqual([]);
  });

  it('answers a PURGE without tags with 400', async () => {
    const answer = await send(varnish.base, { method: 'PURGE' });
    expect(answer.status).toBe(400);
  });
});

describe.skipIf(!HAVE_VARNISH)('a Varnish whose purgers are elsewhere', () => {
  let origin: CacheOrigin;
  let varnish: Varnish;
  beforeAll(async () => {
    origin = await startCacheOrigin();
    varnish = await startVarnish({ backendPort: origin.port, purgers: ['192.0.2.1'] });
  });
  afterAll(async () => {
    await varnish?.stop();
    await origin?.close();
  });

  it('refuses PURGE from this address and keeps what it holds', async () => {
    origin.answer('/GB/Kept', { headers: cacheable('max-age=60', 'place:GB/Kept') });
    await send(`${varnish.base}/GB/Kept`);
    const refused = await send(varnish.base, {
      method: 'PURGE',
      headers: { 'xkey-purge': 'place:GB/Kept' },
    });
    expect(refused.status).toBe(403);
    expect(await send(`${varnish.base}/GB/Kept`)).toMatchObject({
      headers: { 'x-isobar-edge': 'hit' },
    });
  });
});

describe.skipIf(!HAVE_VARNISH)('a Varnish that probes the origin', () => {
  let origin: CacheOrigin;
  let varnish: Varnish;
  beforeAll(async () => {
    origin = await startCacheOrigin();
    origin.answer('/healthz', { headers: { 'cache-control': 'no-store' } });
    varnish = await startVarnish({ backendPort: origin.port, probePath: '/healthz' });
  });
  afterAll(async () => {
    await varnish?.stop();
    await origin?.close();
  });

  it('serves copies within stale-if-error at once while the probe says the origin is down', async () => {
    origin.answer('/GB/Probed', {
      headers: cacheable('max-age=1, stale-while-revalidate=0, stale-if-error=60'),
    });
    await send(`${varnish.base}/GB/Probed`);
    // The origin hangs: only the probe's failures can spare clients the wait.
    origin.answer('/healthz', { status: 503, headers: { 'cache-control': 'no-store' } });
    origin.answer('/GB/Probed', { delayMs: 5000 });
    await sleep(1200);
    const started = performance.now();
    expect(await send(`${varnish.base}/GB/Probed`)).toMatchObject({
      status: 200,
      text: '/GB/Probed #1\n',
      headers: { 'x-isobar-edge': 'stale' },
    });
    expect(performance.now() - started).toBeLessThan(500);
    expect(origin.requestsFor('/GB/Probed')).toHaveLength(1);
  });
});
