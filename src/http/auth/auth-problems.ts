import type { TokenScope } from '../../domain/tokens.ts';
import { Refusal } from '../error-handler.ts';

const REALM = 'Bearer realm="isobar"';

/**
 * No usable bearer token (RFC 6750): none given answers the bare challenge, a token that is
 * malformed, unknown or revoked adds `error="invalid_token"`.
 */
export class Unauthorized extends Refusal {
  override name = 'Unauthorized';
  readonly tokenGiven: boolean;
  constructor(message: string, tokenGiven: boolean) {
    super('unauthorized', message, {
      'www-authenticate': tokenGiven ? `${REALM}, error="invalid_token"` : REALM,
    });
    this.tokenGiven = tokenGiven;
  }
}

/** A good token whose scope does not cover what was asked. */
export class InsufficientScope extends Refusal {
  override name = 'InsufficientScope';
  constructor(needed: TokenScope, held: TokenScope) {
    super(
      'insufficient-scope',
      `this needs a token with scope "${needed}" (or "admin"); this token has "${held}"`,
      { 'www-authenticate': `${REALM}, error="insufficient_scope", scope="${needed}"` },
      { scope: needed },
    );
  }
}

/** The token spent its allowance; `Retry-After` says when the next request will be taken. */
export class RateLimited extends Refusal {
  override name = 'RateLimited';
  constructor(perMinute: number, retryAfterSeconds: number, headers: Record<string, string> = {}) {
    super(
      'rate-limited',
      `this token may send ${perMinute} write requests a minute; retry in ${retryAfterSeconds} s`,
      { 'retry-after': String(retryAfterSeconds), ...headers },
      { retry_after: retryAfterSeconds },
    );
  }
}

/** An address that failed to authenticate too often waits before the store is asked again. */
export class TooManyFailures extends Refusal {
  override name = 'TooManyFailures';
  constructor(perMinute: number, retryAfterSeconds: number) {
    super(
      'rate-limited',
      `too many failed authentications from this address (${perMinute} a minute are looked up); retry in ${retryAfterSeconds} s`,
      { 'retry-after': String(retryAfterSeconds) },
      { retry_after: retryAfterSeconds },
    );
  }
}
