import { type ApiToken, hashToken, isTokenShaped } from '../../domain/tokens.ts';
import type { Queryable } from '../../store/database.ts';
import { findActiveToken, touchToken } from '../../store/operations/token-rows.ts';
import { Unauthorized } from './auth-problems.ts';

/** How long a token found in the store is believed without asking again: a revocation's delay. */
export const TOKEN_CACHE_MS = 5_000;
/** `last_used_at` is a day-to-day aid, not an audit log: written at most once a minute a token. */
const TOUCH_EVERY_MS = 60_000;
/** Tokens are few; the bound only stops a pathological number of them from growing the map. */
const MAX_CACHED = 10_000;
/**
 * How long a token the store did not know is refused without asking again. Nothing is lost by
 * it: a new token is random, so no one has tried it before it exists.
 */
export const UNKNOWN_CACHE_MS = 30_000;
/** Unknown tokens remembered at most: anyone can make up more, so the oldest are forgotten. */
const MAX_UNKNOWN = 1_000;

export interface AuthenticatorOptions {
  db: Queryable;
  now: () => number;
  cacheMs?: number;
}

/**
 * Reads an Authorization header to the token it carries; throws Unauthorized when it cannot.
 * `beforeLookup` is called when the answer needs the store (the token is neither remembered as
 * good nor as unknown), and may throw to refuse that work.
 */
export type Authenticate = (
  authorization: string | undefined,
  beforeLookup?: () => void,
) => Promise<ApiToken>;

const unknownToken = () => new Unauthorized('the bearer token is unknown or revoked', true);

/**
 * Bearer authentication over the store's hashed tokens. Tokens found are remembered for a few
 * seconds (a write burst costs one lookup), unknown ones for half a minute (the same made-up
 * token sent again costs nothing).
 */
export function createAuthenticator(options: AuthenticatorOptions): Authenticate {
  const cacheMs = options.cacheMs ?? TOKEN_CACHE_MS;
  const known = new Map<string, { token: ApiToken; until: number }>();
  const unknown = new Map<string, number>();
  return async (authorization, beforeLookup) => {
    const match = /^Bearer[ ]+(\S*)[ ]*$/i.exec(authorization ?? '');
    if (!authorization || !/^Bearer\b/i.test(authorization)) {
      throw new Unauthorized('this needs a bearer token: Authorization: Bearer <token>', false);
    }
    const given = match?.[1] ?? '';
    if (!isTokenShaped(given)) {
      throw new Unauthorized('the bearer token is malformed: isobar tokens look like isb_…', true);
    }
    const hash = hashToken(given);
    const now = options.now();
    const cached = known.get(hash);
    if (cached && cached.until > now) return cached.token;
    if ((unknown.get(hash) ?? 0) > now) throw unknownToken();
    beforeLookup?.();
    const token = await findActiveToken(options.db, hash);
    if (!token) {
      known.delete(hash);
      unknown.delete(hash);
      if (unknown.size >= MAX_UNKNOWN) unknown.delete(unknown.keys().next().value!);
      unknown.set(hash, now + UNKNOWN_CACHE_MS);
      throw unknownToken();
    }
    if (!token.lastUsedAt || now - token.lastUsedAt.getTime() >= TOUCH_EVERY_MS) {
      await touchToken(options.db, token.id, new Date(now));
    }
    if (known.size >= MAX_CACHED) known.clear();
    known.set(hash, { token, until: now + cacheMs });
    return token;
  };
}
