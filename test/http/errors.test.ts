import { describe, expect, it } from 'vitest';
import { drivers } from '../support/databases.ts';
import { useTestOrigin } from '../support/fixture.ts';
import { PROBLEM_OR_PAGE, problemOf } from '../support/problem.ts';

/**
 * A problem naming the problem (a document, or a page carrying it at HTML URIs). Its request id is always in X-Request-Id; in the body
 * only when no cache keeps the answer, since a cached body is served to everyone after.
 */
async function expectProblem(res: Response, status: number, detail: RegExp) {
  expect(res.status).toBe(status);
  const body = await problemOf(res);
  expect(body).toMatchObject({ status, type: 'about:blank' });
  expect(body.detail).toMatch(detail);
  expect(res.headers.get('x-request-id')).toMatch(/\S+/);
  if (res.headers.get('cache-control') === 'no-store') {
    expect(body.request_id).toBe(res.headers.get('x-request-id'));
  } else {
    expect(res.headers.get('cache-control')).toMatch(/^public/);
    expect(body).not.toHaveProperty('request_id');
  }
  return body;
}

describe.each(drivers)('errors on $name', (driver) => {
  const origin = useTestOrigin(driver);

  it.skipIf(driver.skip)('answers an unknown place with a briefly cached 404 problem', async () => {
    const res = await origin().get('/GB/Atlantis');
    const body = await expectProblem(res, 404, /no place "atlantis" is known in GB/);
    expect(body.code).toBe('unknown-place');
    expect(res.headers.get('cdn-cache-control')).toBe('public, max-age=60');
    await expectProblem(await origin().get('/v1/locations/GB/Atlantis'), 404, /atlantis/);
    await expectProblem(await origin().get('/no/such/thing/here'), 404, /nothing lives at/);
  });

  it.skipIf(driver.skip).each([
    ['/GB/London?ref=x', /unknown query parameter "ref"; this URI accepts only: units/],
    ['/GB/London.json?units=kelvin', /"units" must be one of: metric, imperial/],
    ['/GB/London?units=metric&units=imperial', /"units" is given more than once/],
    ['/v1/locations?q=lon&page=2', /unknown query parameter "page"/],
    ['/v1/locations', /"q" is required/],
    ['/v1/locations?q=%25%25', /"q" must contain a letter or digit/],
    ['/v1/locations?q=lon&limit=500', /"limit" must be a whole number from 1 to 50/],
    ['/v1/locations?q=lon&country=GBR', /"country" must be an ISO 3166-1 alpha-2 code/],
    ['/v1/nearest?lat=91&lon=0', /latitude must be a decimal number from -90 to 90/],
    ['/v1/nearest?lat=1e3&lon=0', /latitude must be a decimal number/],
    ['/v1/nearest?lat=10', /"lat" and "lon" are both required/],
    ['/@51.5,-200', /longitude must be a decimal number from -180 to 180/],
    ['/@london', /coordinates must be written/],
    ['/healthz?x=1', /this URI accepts only: deep/],
  ])('%s is a 400 naming the problem', async (path, detail) => {
    const res = await origin().get(path);
    await expectProblem(res, 400, detail);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it
    .skipIf(driver.skip)
    .each([
      "/GB/London';DROP TABLE locations;--",
      '/GB/%27%20OR%201%3D1--',
      '/GB/London%00',
      '/GB/%00',
      '/GB/Lon%0d%0aSet-Cookie:%20x=1',
      '/GB/%C0%AF',
      '/GB/%FF%FE',
      '/GB/%E2%82',
      `/GB/${'x'.repeat(5000)}`,
      `/GB/${'%E2%82%AC'.repeat(300)}`,
      '/GB/%',
      '/%00/London',
      '/v1/locations?q=%00',
      '/v1/locations?q=%C0%AF',
      `/v1/locations?q=${'a'.repeat(101)}`,
      '/v1/locations/GB/%C0%AF',
    ])('%s gets a clean 4xx, never a 5xx', async (path) => {
    const res = await origin().get(path);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.headers.get('content-type')).toMatch(PROBLEM_OR_PAGE);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it.skipIf(driver.skip).each(['POST', 'PUT', 'DELETE', 'PATCH'])(
    'refuses %s with 405 and the methods that work',
    async (method) => {
      const res = await origin().app.request('/GB/London.json', { method, body: '{}' });
      await expectProblem(res, 405, new RegExp(`${method} is not accepted here; use GET or HEAD`));
      expect(res.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    },
  );

  it.skipIf(driver.skip)('still has every place after the hostile requests', async () => {
    expect((await origin().get('/GB/London.json')).status).toBe(200);
    const search = await origin().getJson('/v1/locations?limit=50&q=london');
    expect(search.results).toHaveLength(4);
  });
});
