import { describe, expect, it } from 'vitest';
import { hashToken } from '../../src/domain/tokens.ts';
import { findActiveToken } from '../../src/store/operations/token-rows.ts';
import { drivers } from '../support/databases.ts';
import { FIXTURE_NOW, json } from '../support/fixture.ts';
import { issueToken, revokeTokenNamed } from '../support/tokens.ts';
import { useWriteOrigin } from '../support/write-origin.ts';

const row = {
  place: 'GB/Manchester',
  source: 'metoffice',
  observed_at: '2026-11-22T09:00:00Z',
  condition: 'clear',
};
const CHALLENGE = 'Bearer realm="isobar"';

describe.each(drivers)('bearer tokens of the write API on $name', (driver) => {
  // A rate a test can reach; the fixture clock stands still, so no allowance ever refills.
  const origin = useWriteOrigin(driver, { writeRateLimit: 10 });
  const it_ = it.skipIf(driver.skip);

  const refusal = async (res: Response, status: number, code: string, challenge: string) => {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('www-authenticate')).toBe(challenge);
    const body = await json(res);
    expect(body).toMatchObject({ type: 'about:blank', code, status });
    return body;
  };

  it_('answers 401 with a bare challenge to a request without a token', async () => {
    const variants: Record<string, string>[] = [{}, { authorization: 'Basic dXNlcjpwdw==' }];
    for (const headers of variants) {
      const res = await origin().app.request('/v1/observations', {
        method: 'POST',
        body: JSON.stringify([row]),
        headers: { 'content-type': 'application/json', ...headers },
      });
      const body = await refusal(res, 401, 'unauthorized', CHALLENGE);
      expect(body.detail).toMatch(/Authorization: Bearer/);
    }
  });

  it_.each([
    ['malformed', 'not-a-token'],
    ['empty', ''],
    ['unknown', `isb_${'A'.repeat(43)}`],
  ])('answers 401 invalid_token to a %s token', async (_, token) => {
    const res = await origin().app.request('/v1/observations', {
      method: 'POST',
      body: '[]',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    });
    await refusal(res, 401, 'unauthorized', `${CHALLENGE}, error="invalid_token"`);
  });

  it_('answers 401 invalid_token to a revoked token', async () => {
    const db = origin().t.db;
    const token = await issueToken(db, 'write', 'revoked-writer');
    await revokeTokenNamed(db, 'revoked-writer');
    const res = await origin().post('/v1/observations', [row], { token });
    const body = await refusal(res, 401, 'unauthorized', `${CHALLENGE}, error="invalid_token"`);
    expect(body.detail).toMatch(/unknown or revoked/);
  });

  it_('answers 403 insufficient_scope to a token of another scope', async () => {
    const purger = await issueToken(origin().t.db, 'purge');
    const writer = await issueToken(origin().t.db, 'write');
    const write = await origin().post('/v1/observations', [row], { token: purger });
    const body = await refusal(
      write,
      403,
      'insufficient-scope',
      `${CHALLENGE}, error="insufficient_scope", scope="write"`,
    );
    expect(body).toMatchObject({ scope: 'write' });
    const purge = await origin().post('/v1/purge', { places: ['GB/London'] }, { token: writer });
    await refusal(
      purge,
      403,
      'insufficient-scope',
      `${CHALLENGE}, error="insufficient_scope", scope="purge"`,
    );
  });

  it_('lets an admin token do everything', async () => {
    const token = await issueToken(origin().t.db, 'admin');
    expect((await origin().post('/v1/observations', [row], { token })).status).toBe(200);
    expect((await origin().post('/v1/forecasts', [], { token })).status).toBe(200);
    const purge = await origin().post('/v1/purge', { places: ['GB/London'] }, { token });
    expect(purge.status).toBe(200);
  });

  it_('authenticates before it looks at the body', async () => {
    const res = await origin().post('/v1/observations', 'a,b\n', { contentType: 'text/csv' });
    expect(res.status).toBe(401);
  });

  it_('records when a token was last used', async () => {
    const token = await issueToken(origin().t.db, 'write');
    expect((await findActiveToken(origin().t.db, hashToken(token)))?.lastUsedAt).toBeNull();
    await origin().post('/v1/observations', [], { token });
    const used = await findActiveToken(origin().t.db, hashToken(token));
    expect(used?.lastUsedAt?.getTime()).toBe(FIXTURE_NOW);
  });

  it_('answers 429 with Retry-After once a token spends its allowance', async () => {
    const token = await issueToken(origin().t.db, 'write');
    const other = await issueToken(origin().t.db, 'write');
    for (let i = 0; i < 10; i++) {
      const path = i % 2 ? '/v1/observations' : '/v1/forecasts';
      const taken = await origin().post(path, [], { token });
      expect(taken.status).toBe(200);
      // Every answer says the allowance (IETF RateLimit fields): 10 a minute, so 6 s a request
      // to fill the bucket again (the fixture's clock stands still).
      expect(taken.headers.get('ratelimit-policy')).toBe('"writes";q=10;w=60');
      expect(taken.headers.get('ratelimit')).toBe(`"writes";r=${9 - i};t=${6 * (i + 1)}`);
    }
    const res = await origin().post('/v1/observations', [], { token });
    expect(res.status).toBe(429);
    // 10 a minute: one more every 6 seconds.
    expect(res.headers.get('retry-after')).toBe('6');
    expect(res.headers.get('ratelimit')).toBe('"writes";r=0;t=60');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await json(res)).toMatchObject({ code: 'rate-limited', retry_after: 6 });
    // Each token has an allowance of its own.
    expect((await origin().post('/v1/observations', [], { token: other })).status).toBe(200);
  });

  it_('counts refusals by reason', async () => {
    const counts = () =>
      Promise.all(
        ['missing', 'invalid', 'scope', 'rate'].map((reason) =>
          origin().counter('isobar_auth_refusals_total', { reason }),
        ),
      );
    const before = await counts();
    const spent = await issueToken(origin().t.db, 'write');
    for (let i = 0; i < 11; i++) await origin().post('/v1/forecasts', [], { token: spent });
    await origin().post('/v1/forecasts', []);
    await origin().post('/v1/forecasts', [], { token: 'isb_bad' });
    await origin().post('/v1/forecasts', [], { token: await issueToken(origin().t.db, 'purge') });
    expect(await counts()).toEqual(before.map((n) => n + 1));
  });
});
