import type { Config } from '../../config/env.ts';
import {
  type ApiToken,
  hashToken,
  isTokenName,
  isTokenScope,
  newToken,
  TOKEN_SCOPES,
} from '../../domain/tokens.ts';
import { type Database, migrate, openDatabase } from '../../store/index.ts';
import {
  findActiveTokensNamed,
  insertToken,
  listTokens,
  revokeTokens,
} from '../../store/operations/token-rows.ts';
import { shownTime, textTable } from '../text-table.ts';

export const TOKEN_USAGE = `usage: isobar token create --name NAME --scope ${TOKEN_SCOPES.join('|')}
       isobar token list
       isobar token revoke ID|NAME`;

export interface TokenOptions {
  name?: string;
  scope?: string;
}

/** Where the command writes: the token and tables to `out`, everything else to `err`. */
export interface TokenOutput {
  out: (line: string) => void;
  err: (line: string) => void;
}

const console_: TokenOutput = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
};

/** What is wrong with the arguments, or null; checked before the database is opened. */
function usageError(args: readonly string[], options: TokenOptions): string | null {
  const [action, ...rest] = args;
  if (action === 'create') {
    if (rest.length > 0) return `token create takes no argument "${rest[0]}"`;
    if (options.name === undefined) return 'token create needs --name NAME';
    if (!isTokenName(options.name)) {
      return '--name must be 1 to 64 of letters, digits, space, ".", "_", "@", "-", not only digits';
    }
    if (options.scope === undefined) return `token create needs --scope ${TOKEN_SCOPES.join('|')}`;
    if (!isTokenScope(options.scope)) {
      return `unknown scope "${options.scope}": use ${TOKEN_SCOPES.join(', ')}`;
    }
    return null;
  }
  if (options.name !== undefined || options.scope !== undefined) {
    return `--name and --scope belong to token create, not token ${action ?? ''}`.trim();
  }
  if (action === 'list')
    return rest.length > 0 ? `token list takes no argument "${rest[0]}"` : null;
  if (action === 'revoke') {
    return rest.length === 1 ? null : 'token revoke needs one token id or name';
  }
  return action ? `unknown token action "${action}"` : 'token needs an action';
}

function table(tokens: readonly ApiToken[]): string[] {
  const rows = [
    ['ID', 'NAME', 'SCOPE', 'CREATED', 'LAST USED', 'REVOKED'],
    ...tokens.map((t) => [
      String(t.id),
      t.name,
      t.scope,
      shownTime(t.createdAt),
      shownTime(t.lastUsedAt),
      shownTime(t.revokedAt),
    ]),
  ];
  return textTable(rows);
}

/**
 * `isobar token create|list|revoke`: bearer tokens of the write API. A token is printed once,
 * at creation; the store keeps only its SHA-256. Returns the exit code: 2 for bad arguments,
 * 1 when the store refuses (a name in use, nothing to revoke).
 */
export async function tokenCommand(
  config: Config,
  args: readonly string[],
  options: TokenOptions,
  io: TokenOutput = console_,
): Promise<number> {
  const problem = usageError(args, options);
  if (problem) {
    io.err(`isobar: ${problem}`);
    return 2;
  }
  const db = await openDatabase(config.dsn);
  try {
    await migrate(db);
    return await run(db, args, options, io);
  } finally {
    await db.close();
  }
}

async function run(
  db: Database,
  [action, target]: readonly string[],
  options: TokenOptions,
  io: TokenOutput,
): Promise<number> {
  if (action === 'create') {
    const name = options.name!;
    const scope = options.scope as ApiToken['scope'];
    const token = newToken();
    // Names are what people revoke by: one active token per name.
    const made = await db.transaction(async (tx) => {
      if ((await findActiveTokensNamed(tx, name)).length > 0) return null;
      return insertToken(tx, { name, scope, hash: hashToken(token) });
    });
    if (!made) {
      io.err(`isobar: a token named "${name}" is active already; revoke it or choose another name`);
      return 1;
    }
    io.out(token);
    io.err(
      `created token ${made.id} "${name}" with scope ${scope}. Copy it now: isobar keeps only ` +
        'its hash and cannot show it again.',
    );
    return 0;
  }
  if (action === 'list') {
    for (const line of table(await listTokens(db))) io.out(line);
    return 0;
  }
  // Names are never only digits; an id past the column's range names nothing.
  const which = /^\d{1,9}$/.test(target!) ? { id: Number(target) } : { name: target! };
  const revoked = await revokeTokens(db, which, new Date());
  if (revoked.length === 0) {
    io.err(
      `isobar: no active token ${'id' in which ? `with id ${which.id}` : `named "${target}"`}`,
    );
    return 1;
  }
  for (const t of revoked) io.out(`revoked token ${t.id} "${t.name}" (${t.scope})`);
  return 0;
}
