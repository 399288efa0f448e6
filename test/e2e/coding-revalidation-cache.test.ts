import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from '../support/cache-origin.ts';
import { drivers } from '../support/databases.ts';
import { closedPort } from '../support/http-origin.ts';
import { type ServingFixture, startServingFixture } from '../support/serving-fixture.ts';
import { HAVE_VARNISH, startVarnish, type Varnish } from '../support/varnish.ts';

const required = process.env.ISOBAR_REQUIRE_VARNISH === '1';
if (!HAVE_VARNISH && required) throw new Error('ISOBAR_REQUIRE_VARNISH=1 but no varnishd');

// A client that fetched a representation compressed and revalidates it without compression (PHP's
// curl does this when CURLOPT_ENCODING is set for one request and not the next) gets a 304 from
// the shared cache too, not only from the origin: the cache holds one copy per coding, each with
// its own strong ETag, and answers conditional requests from the copy the request would get.
describe.skipIf(!HAVE_VARNISH)('revalidation across codings through Varnish', () => {
  let varnish: Varnish;
  let o: ServingFixture;

  beforeAll(async () => {
    const port = await closedPort();
    varnish = await startVarnish({ backendPort: port });
    o = await startServingFixture(drivers[0]!, { PORT: String(port) });
  }, 90_000);
  afterAll(async () => {
    await o?.dispose();
    await varnish?.stop();
  });

  const get = (path: string, headers: Record<string, string>) =>
    send(`${varnish.base}${path}`, { headers });

  it.each([
    ['gzip, br', 'identity', '/GB/London.json'],
    ['gzip', 'br', '/GB/London'],
    ['identity', 'gzip', '/FR/Paris.txt'],
  ])('a tag from a %s fetch revalidates a %s request: 304 (%s)', async (first, then, path) => {
    const encoding = (coding: string) =>
      coding === 'identity' ? { 'accept-encoding': 'identity' } : { 'accept-encoding': coding };
    // Both copies in the cache first, so the second request is a hit on its own coding's copy.
    const fetched = await get(path, encoding(first));
    expect(fetched.status).toBe(200);
    const tag = fetched.headers.etag as string;
    expect(tag).toMatch(/^"/);
    const other = await get(path, encoding(then));
    expect(other.headers.etag).not.toBe(tag);

    const revalidated = await get(path, { ...encoding(then), 'if-none-match': tag });
    expect(revalidated.status).toBe(304);
    expect(revalidated.headers['x-isobar-edge']).toMatch(/^hit/);
    // The tag of the copy this request gets, so the next revalidation matches exactly.
    expect(revalidated.headers.etag).toBe(other.headers.etag);
  });

  it('a tag of another representation is still a 200', async () => {
    const paris = await get('/FR/Paris.json', { 'accept-encoding': 'gzip' });
    const london = await get('/GB/London.json', {
      'accept-encoding': 'identity',
      'if-none-match': paris.headers.etag as string,
    });
    expect(london.status).toBe(200);
  });
});
