import { describe, expect, it } from 'vitest';
import { isOperatorPath, OPERATOR_PATHS, originPath } from '../src/operator-paths.ts';
import { route } from '../src/routes.ts';
import { createHarness } from './support/harness.ts';

/** Ways of writing an operator path that a server might still route to it. */
const SPELLINGS = [
  ...OPERATOR_PATHS,
  '/METRICS',
  '/Metrics',
  '/HealthZ',
  '/Dashboard/Operations',
  '/metrics/',
  '/healthz/',
  '/dashboard/operations/',
  '/metrics.json',
  '/healthz.json',
  '/dashboard/operations.json',
  '/dashboard/operations.txt',
  '/metrics;x=1',
  '/metrics/anything',
  '//metrics',
  '///healthz',
  '/dashboard//operations',
  '//dashboard///operations//',
  '/%6detrics',
  '/%6D%65trics',
  '/%2Fmetrics',
  '/%256detrics',
  '/%68ealthz',
  '/dashboard%2Foperations',
  '/dashboard%2foperations',
  '/dashboard%5Coperations',
  '/dashboard/%6Fperations',
  '/x/../metrics',
  '/x/%2e%2e/healthz',
  '/x/%252e%252e/metrics',
  '/./metrics',
  '/dashboard/./operations',
  '/v1/../dashboard/operations',
];

/** Near misses: other routes, which go to the origin. */
const OTHERS = [
  '/',
  '/metricsx',
  '/healthzone',
  '/dashboard',
  '/dashboard/',
  '/dashboard/operation',
  '/dashboard/GB/London',
  '/dashboard/compare',
  '/v1/metrics',
  '/GB/Metrics',
  '/metrics/../GB/London',
];

describe('operator pages at the edge', () => {
  it.each(SPELLINGS)('refuses %s for every method, without asking the origin', async (path) => {
    const h = createHarness();
    for (const method of ['GET', 'HEAD', 'POST', 'OPTIONS']) {
      const response = await h.get(path, { method });
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(response.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-store');
      if (method === 'GET') {
        expect(await response.json()).toMatchObject({
          type: 'about:blank',
          status: 403,
          code: 'forbidden',
          title: 'Forbidden',
          detail: expect.stringMatching(/METRICS_ALLOW/),
          instance: new URL(`https://isobar.test${path}`).pathname,
          request_id: expect.any(String),
        });
      } else if (method === 'HEAD') {
        expect(await response.text()).toBe('');
      }
    }
    expect(h.origin.count()).toBe(0);
  });

  it.each(OTHERS)('passes %s on', (path) => {
    expect(isOperatorPath(path), path).toBe(false);
  });

  it('reads a path as a permissive server could route it', () => {
    expect(originPath('/GB/London')).toBe('/gb/london');
    expect(originPath('//a\\b/./c/../d/')).toBe('/a/b/d/');
    expect(originPath('/%2541')).toBe('/a');
    expect(originPath('/..')).toBe('/');
  });
});

describe('routes', () => {
  it.each([
    ['GET', '/', 'first-visit'],
    ['HEAD', '/', 'first-visit'],
    ['GET', '/?place=GB/London', 'pass'],
    ['GET', '/?utm_source=x', 'pass'],
    ['POST', '/', 'pass'],
    ['OPTIONS', '/', 'pass'],
    ['GET', '/GB/London', 'pass'],
    ['GET', '/v1/nearest?lat=1&lon=2', 'pass'],
    ['POST', '/v1/observations', 'pass'],
    ['GET', '/_edge/purge', 'pass'],
    ['GET', '/metrics', 'refused'],
    ['POST', '/HEALTHZ', 'refused'],
  ])('%s %s is %s', (method, path, expected) => {
    expect(route({ method, url: `https://isobar.test${path}` })).toBe(expected);
  });
});
