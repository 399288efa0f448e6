import type { MiddlewareHandler } from 'hono';
import { grants, type TokenScope } from '../../domain/tokens.ts';
import type { Queryable } from '../../store/database.ts';
import type { AppEnv } from '../context.ts';
import { InsufficientScope, RateLimited, Unauthorized } from './auth-problems.ts';
import { createAuthenticator } from './authenticator.ts';
import { createRateLimiter } from './rate-limit.ts';

/** Why a request was refused, as isobar_auth_refusals_total{reason} counts it. */
export type AuthRefusal = 'missing' | 'invalid' | 'scope' | 'rate';

export interface TokenGuardOptions {
  db: Queryable;
  now: () => number;
  /** Requests per minute each token may send to this process (WRITE_RATE_LIMIT). */
  perMinute: number;
  onRefusal?: (reason: AuthRefusal) => void;
}

/** Builds the middleware that lets through only requests with a token of a scope. */
export type TokenGuard = (scope: TokenScope) => MiddlewareHandler<AppEnv>;

/**
 * Bearer tokens for the write API: authenticated, scope checked, then rate limited per token.
 * One guard serves every guarded route, so a token's allowance is shared between them.
 */
export function createTokenGuard(options: TokenGuardOptions): TokenGuard {
  const authenticate = createAuthenticator(options);
  const limiter = createRateLimiter(options);
  const refused = (reason: AuthRefusal) => options.onRefusal?.(reason);
  return (scope) => async (c, next) => {
    let token: Awaited<ReturnType<typeof authenticate>>;
    try {
      token = await authenticate(c.req.header('authorization'));
    } catch (err) {
      if (err instanceof Unauthorized) refused(err.tokenGiven ? 'invalid' : 'missing');
      throw err;
    }
    if (!grants(token.scope, scope)) {
      refused('scope');
      throw new InsufficientScope(scope, token.scope);
    }
    const decision = limiter.take(token.id);
    if (!decision.allowed) {
      refused('rate');
      throw new RateLimited(options.perMinute, decision.retryAfterSeconds);
    }
    await next();
  };
}
