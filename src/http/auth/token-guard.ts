import type { Context, MiddlewareHandler } from 'hono';
import { clientBlock } from '../../domain/ip-address.ts';
import { grants, type TokenScope } from '../../domain/tokens.ts';
import type { Queryable } from '../../store/database.ts';
import type { AppEnv } from '../context.ts';
import { InsufficientScope, RateLimited, TooManyFailures, Unauthorized } from './auth-problems.ts';
import { createAuthenticator } from './authenticator.ts';
import { createRateLimiter } from './rate-limit.ts';

/** Why a request was refused, as isobar_auth_refusals_total{reason} counts it. */
export type AuthRefusal = 'missing' | 'invalid' | 'scope' | 'rate' | 'failures';

/**
 * Unknown tokens an address may have looked up a minute (and in a burst) before it waits: a
 * client with a real token fails rarely, a guesser at every try.
 */
export const FAILURES_PER_MINUTE = 20;
/** Addresses whose failures are remembered at most; past it the quietest are forgotten. */
const MAX_ADDRESSES = 10_000;

export interface TokenGuardOptions {
  db: Queryable;
  now: () => number;
  /** Requests per minute each token may send to this process (WRITE_RATE_LIMIT). */
  perMinute: number;
  /** The client's address (RouteDeps.clientAddress): whose failures are counted together. */
  clientAddress: (c: Context) => string;
  onRefusal?: (reason: AuthRefusal) => void;
}

/** Builds the middleware that lets through only requests with a token of a scope. */
export type TokenGuard = (scope: TokenScope) => MiddlewareHandler<AppEnv>;

/**
 * Bearer tokens for the write API: authenticated, scope checked, then rate limited per token.
 * One guard serves every guarded route, so a token's allowance is shared between them. Before
 * that, the lookups of unknown tokens are limited per client address (an IPv6 /64): one that has
 * spent its allowance gets 429 for any token the store would have to be asked about (a token
 * verified in the last few seconds still passes, so a client sharing the address with a guesser
 * keeps working).
 */
export function createTokenGuard(options: TokenGuardOptions): TokenGuard {
  const authenticate = createAuthenticator(options);
  const limiter = createRateLimiter(options);
  const failures = createRateLimiter({
    perMinute: FAILURES_PER_MINUTE,
    now: options.now,
    maxKeys: MAX_ADDRESSES,
  });
  const refused = (reason: AuthRefusal) => options.onRefusal?.(reason);
  return (scope) => async (c, next) => {
    const client = clientBlock(options.clientAddress(c));
    let lookedUp = false;
    let token: Awaited<ReturnType<typeof authenticate>>;
    try {
      token = await authenticate(c.req.header('authorization'), () => {
        const open = failures.peek(client);
        if (!open.allowed) throw new TooManyFailures(FAILURES_PER_MINUTE, open.retryAfterSeconds);
        lookedUp = true;
      });
    } catch (err) {
      if (err instanceof TooManyFailures) refused('failures');
      if (err instanceof Unauthorized) {
        // Only a failure that cost a lookup counts: a missing or malformed token costs nothing.
        if (lookedUp) failures.take(client);
        refused(err.tokenGiven ? 'invalid' : 'missing');
      }
      throw err;
    }
    if (!grants(token.scope, scope)) {
      refused('scope');
      throw new InsufficientScope(scope, token.scope);
    }
    const decision = limiter.take(token.id);
    // The token's allowance on every answer, taken or refused (draft-ietf-httpapi-ratelimit-
    // headers): a client paces itself instead of learning the limit from a 429.
    const allowance = {
      'ratelimit-policy': `"writes";q=${options.perMinute};w=60`,
      ratelimit: `"writes";r=${decision.remaining};t=${decision.resetSeconds}`,
    };
    if (!decision.allowed) {
      refused('rate');
      throw new RateLimited(options.perMinute, decision.retryAfterSeconds, allowance);
    }
    await next();
    for (const [name, value] of Object.entries(allowance)) c.res.headers.set(name, value);
  };
}
