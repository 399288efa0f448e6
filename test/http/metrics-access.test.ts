import { describe, expect, it } from 'vitest';
import { parseCidrList } from '../../src/domain/networks.ts';
import { drivers } from '../support/databases.ts';
import { json, useTestOrigin } from '../support/fixture.ts';

const PROXY = '10.9.9.9';
let peer = '127.0.0.1';

describe('who may read /metrics', () => {
  const origin = useTestOrigin(drivers[0]!, {
    client: {
      trustedProxies: parseCidrList(PROXY),
      socketAddress: () => peer,
    },
  });

  it.each([
    ['127.0.0.1', undefined, 200],
    ['::1', undefined, 200],
    ['203.0.113.7', undefined, 403],
    // The edge (a trusted proxy) forwarding a visitor: the visitor is the client.
    [PROXY, '203.0.113.7', 403],
    // Forwarded-For from an untrusted peer changes nothing.
    ['203.0.113.7', '127.0.0.1', 403],
  ])('from %s (X-Forwarded-For %s) answers %i', async (from, forwardedFor, status) => {
    peer = from;
    const res = await origin().get(
      '/metrics',
      forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
    );
    expect(res.status).toBe(status);
    if (status === 403) {
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect((await json(res)).detail).toBe(
        'metrics are served only to the addresses in METRICS_ALLOW',
      );
      expect(res.headers.get('cache-control')).toBe('no-store');
    } else {
      expect(await res.text()).toMatch(/# TYPE isobar_http_requests_total counter/);
    }
  });
});
