import { describe, expect, it } from 'vitest';
import { drivers } from '../../../test/support/databases.ts';
import { json, useTestOrigin } from '../../../test/support/fixture.ts';
import { issueToken } from '../../../test/support/tokens.ts';
import { LOOPBACK } from '../../domain/networks.ts';
import { newToken } from '../../domain/tokens.ts';
import { FAILURES_PER_MINUTE } from './token-guard.ts';

describe.each(drivers)('anonymous failures on $name', (driver) => {
  // Behind a trusted proxy on loopback, so each request says which client it comes from. The
  // fixture clock stands still: an allowance spent here never refills.
  const origin = useTestOrigin(driver, {
    client: { socketAddress: () => '127.0.0.1', trustedProxies: LOOPBACK },
  });
  const it_ = it.skipIf(driver.skip);
  const lookups = () =>
    origin().counter('isobar_db_queries_total', { query: 'tokens_active_by_hash' });
  const write = (from: string, token: string) =>
    origin().app.request('/v1/observations', {
      method: 'POST',
      body: '[]',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'x-forwarded-for': from,
      },
    });

  it_(
    'answers 429 to an address once its unknown tokens pass the limit, not to others',
    async () => {
      const guesser = '203.0.113.7';
      const good = await issueToken(origin().t.db, 'write');
      const fresh = await issueToken(origin().t.db, 'write');
      expect((await write(guesser, good)).status).toBe(200);
      const before = await lookups();
      for (let i = 0; i < FAILURES_PER_MINUTE; i++) {
        expect((await write(guesser, newToken())).status).toBe(401);
      }
      const refused = await write(guesser, newToken());
      expect(refused.status).toBe(429);
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(refused.headers.get('retry-after')).toBe(String(60 / FAILURES_PER_MINUTE));
      expect(await json(refused)).toMatchObject({ code: 'rate-limited', status: 429 });
      // The refused request cost no lookup.
      expect((await lookups()) - before).toBe(FAILURES_PER_MINUTE);
      // Another address is still told its token is unknown.
      expect((await write('198.51.100.2', newToken())).status).toBe(401);
      // At the guesser's address, a token verified a moment ago still passes; one the store would
      // have to be asked about waits like any other.
      expect((await write(guesser, good)).status).toBe(200);
      expect((await write(guesser, fresh)).status).toBe(429);
    },
  );

  it_('counts an IPv6 /64 as one address', async () => {
    for (let i = 0; i < FAILURES_PER_MINUTE; i++) {
      expect((await write(`2001:db8:7:7::${i.toString(16)}`, newToken())).status).toBe(401);
    }
    expect((await write('2001:db8:7:7:ffff::1', newToken())).status).toBe(429);
    expect((await write('2001:db8:7:8::1', newToken())).status).toBe(401);
  });

  it_('looks up the same unknown token once', async () => {
    const token = newToken();
    const before = await lookups();
    for (let i = 0; i < 3; i++) expect((await write('192.0.2.44', token)).status).toBe(401);
    expect((await lookups()) - before).toBe(1);
  });
});
