import { hashToken, newToken, type TokenScope } from '../../src/domain/tokens.ts';
import type { Queryable } from '../../src/store/index.ts';
import { insertToken, revokeTokens } from '../../src/store/operations/token-rows.ts';

let made = 0;

/** A new token of a scope, stored as `isobar token create` stores it; returns the token itself. */
export async function issueToken(
  db: Queryable,
  scope: TokenScope,
  name = `test-${scope}-${++made}`,
): Promise<string> {
  const token = newToken();
  await insertToken(db, { name, scope, hash: hashToken(token) });
  return token;
}

/** Revokes a token made by issueToken, by the name it was given. */
export async function revokeTokenNamed(db: Queryable, name: string): Promise<void> {
  await revokeTokens(db, { name }, new Date());
}

/** Posts observation rows to the write API of the origin (or edge) at `base`, as a client would. */
export function postObservations(
  base: string | URL,
  token: string,
  rows: readonly object[],
): Promise<Response> {
  return fetch(new URL('/v1/observations', base), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(rows),
  });
}
