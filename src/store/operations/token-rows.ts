import type { ApiToken, TokenScope } from '../../domain/tokens.ts';
import { type Queryable, statement } from '../database.ts';

const COLUMNS = `id, name, scope, created_at AS "createdAt", last_used_at AS "lastUsedAt",
  revoked_at AS "revokedAt"`;

const insert = statement(
  'tokens_insert',
  `INSERT INTO api_tokens (name, scope, token_hash) VALUES ($1, $2, $3) RETURNING ${COLUMNS}`,
);
const activeByHash = statement(
  'tokens_active_by_hash',
  `SELECT ${COLUMNS} FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL`,
);
const activeByName = statement(
  'tokens_active_by_name',
  `SELECT ${COLUMNS} FROM api_tokens WHERE name = $1 AND revoked_at IS NULL`,
);
const all = statement('tokens_list', `SELECT ${COLUMNS} FROM api_tokens ORDER BY id`);
const revokeId = statement(
  'tokens_revoke_id',
  `UPDATE api_tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING ${COLUMNS}`,
);
const revokeName = statement(
  'tokens_revoke_name',
  `UPDATE api_tokens SET revoked_at = $2 WHERE name = $1 AND revoked_at IS NULL
   RETURNING ${COLUMNS}`,
);
// Never moves backwards, whatever order two origins report in.
const touch = statement(
  'tokens_touch',
  `UPDATE api_tokens SET last_used_at = $2
   WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2)`,
);

const toToken = (row: ApiToken): ApiToken => ({ ...row, scope: row.scope as TokenScope });

/** Stores a new token by its hash (SHA-256 hex); the token itself is never stored. */
export async function insertToken(
  q: Queryable,
  token: { name: string; scope: TokenScope; hash: string },
): Promise<ApiToken> {
  return toToken((await q.one<ApiToken>(insert, [token.name, token.scope, token.hash]))!);
}

/** The token with this hash, unless it is unknown or revoked. */
export async function findActiveToken(q: Queryable, hash: string): Promise<ApiToken | null> {
  const row = await q.one<ApiToken>(activeByHash, [hash]);
  return row ? toToken(row) : null;
}

/** The tokens not revoked that carry this name. */
export async function findActiveTokensNamed(q: Queryable, name: string): Promise<ApiToken[]> {
  return (await q.all<ApiToken>(activeByName, [name])).map(toToken);
}

/** Every token, revoked ones too, oldest first. */
export async function listTokens(q: Queryable): Promise<ApiToken[]> {
  return (await q.all<ApiToken>(all)).map(toToken);
}

/** Revokes the active token with this id, or every active one with this name; returns them. */
export async function revokeTokens(
  q: Queryable,
  which: { id: number } | { name: string },
  at: Date,
): Promise<ApiToken[]> {
  const rows =
    'id' in which
      ? await q.all<ApiToken>(revokeId, [which.id, at])
      : await q.all<ApiToken>(revokeName, [which.name, at]);
  return rows.map(toToken);
}

/** Records that a token was used at `at` (kept only if later than what is recorded). */
export async function touchToken(q: Queryable, id: number, at: Date): Promise<void> {
  await q.run(touch, [id, at]);
}
