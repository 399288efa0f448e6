import { describe, expect, it } from 'vitest';
import { drivers, rolledBack, useMigratedDatabase } from '../../../test/support/databases.ts';
import { hashToken, newToken } from '../../domain/tokens.ts';
import {
  findActiveToken,
  findActiveTokensNamed,
  insertToken,
  listTokens,
  revokeTokens,
  touchToken,
} from './token-rows.ts';

const at = (iso: string) => new Date(iso);

describe.each(drivers)('token repository on $name', (driver) => {
  const t = useMigratedDatabase(driver);
  const it_ = it.skipIf(driver.skip);

  it_('stores a token by its hash only and finds it while it is active', async () => {
    await rolledBack(t().db, async (tx) => {
      const token = newToken();
      const made = await insertToken(tx, { name: 'ci', scope: 'write', hash: hashToken(token) });
      expect(made).toMatchObject({ name: 'ci', scope: 'write', lastUsedAt: null, revokedAt: null });
      expect(made.createdAt).toBeInstanceOf(Date);
      expect(await findActiveToken(tx, hashToken(token))).toEqual(made);
      expect(await findActiveToken(tx, hashToken(newToken()))).toBeNull();
      expect(JSON.stringify(await listTokens(tx))).not.toContain(token);
    });
  });

  it_('revokes by id or by name, only what is active', async () => {
    await rolledBack(t().db, async (tx) => {
      const [a, b] = [newToken(), newToken()];
      const first = await insertToken(tx, { name: 'one', scope: 'purge', hash: hashToken(a) });
      await insertToken(tx, { name: 'two', scope: 'admin', hash: hashToken(b) });
      const when = at('2026-11-22T10:00:00Z');
      expect(await revokeTokens(tx, { id: first.id }, when)).toMatchObject([{ revokedAt: when }]);
      expect(await revokeTokens(tx, { id: first.id }, when)).toEqual([]);
      expect(await findActiveToken(tx, hashToken(a))).toBeNull();
      expect(await findActiveTokensNamed(tx, 'two')).toHaveLength(1);
      expect(await revokeTokens(tx, { name: 'two' }, when)).toMatchObject([{ name: 'two' }]);
      expect(await findActiveTokensNamed(tx, 'two')).toEqual([]);
      expect((await listTokens(tx)).map((x) => [x.name, x.revokedAt])).toEqual([
        ['one', when],
        ['two', when],
      ]);
    });
  });

  it_('records the last use, never moving it back', async () => {
    await rolledBack(t().db, async (tx) => {
      const token = newToken();
      const made = await insertToken(tx, { name: 'u', scope: 'write', hash: hashToken(token) });
      await touchToken(tx, made.id, at('2026-11-22T10:00:00Z'));
      await touchToken(tx, made.id, at('2026-11-22T09:00:00Z'));
      expect((await findActiveToken(tx, hashToken(token)))?.lastUsedAt).toEqual(
        at('2026-11-22T10:00:00Z'),
      );
    });
  });

  it_('refuses a scope the schema does not know', async () => {
    await expect(
      rolledBack(t().db, (tx) =>
        insertToken(tx, { name: 'x', scope: 'root' as 'admin', hash: 'h' }).then(() => {}),
      ),
    ).rejects.toMatchObject({ code: '23514' });
  });
});
