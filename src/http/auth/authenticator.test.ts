import { describe, expect, it } from 'vitest';
import { drivers, useMigratedDatabase } from '../../../test/support/databases.ts';
import { issueToken, revokeTokenNamed } from '../../../test/support/tokens.ts';
import { Unauthorized } from './auth-problems.ts';
import { createAuthenticator } from './authenticator.ts';

describe.each(drivers)('createAuthenticator on $name', (driver) => {
  const t = useMigratedDatabase(driver);
  const it_ = it.skipIf(driver.skip);

  it_('finds a token by its hash, and believes it for a few seconds only', async () => {
    let now = Date.parse('2026-11-22T10:00:00Z');
    const authenticate = createAuthenticator({ db: t().db, now: () => now, cacheMs: 5_000 });
    const token = await issueToken(t().db, 'purge', 'cached-purger');
    expect(await authenticate(`Bearer ${token}`)).toMatchObject({
      name: 'cached-purger',
      scope: 'purge',
    });
    await revokeTokenNamed(t().db, 'cached-purger');
    now += 4_999;
    expect((await authenticate(`bearer  ${token}`)).name).toBe('cached-purger');
    now += 1;
    await expect(authenticate(`Bearer ${token}`)).rejects.toBeInstanceOf(Unauthorized);
  });

  it_('tells a missing token from a bad one', async () => {
    const authenticate = createAuthenticator({ db: t().db, now: Date.now });
    for (const header of [undefined, '', 'Basic eDp5', 'Bearertoken']) {
      await expect(authenticate(header)).rejects.toMatchObject({ tokenGiven: false });
    }
    for (const header of ['Bearer', 'Bearer x', `Bearer isb_${'a'.repeat(43)}`, 'Bearer a b']) {
      await expect(authenticate(header)).rejects.toMatchObject({ tokenGiven: true });
    }
  });
});
