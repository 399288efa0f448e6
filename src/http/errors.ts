import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { DomainError } from '../contract/errors.ts';
import { type ProblemCode, problemResponse } from '../contract/problem.ts';
import { DatabaseError } from '../store/index.ts';
import type { AppEnv } from './context.ts';

/**
 * A refusal whose answer needs headers of its own (`WWW-Authenticate`, `Retry-After`, `Allow`):
 * raised by the HTTP layer only, so domain errors stay free of HTTP.
 */
export class Refusal extends DomainError {
  constructor(
    code: ProblemCode,
    message: string,
    readonly headers: Record<string, string>,
    extensions: Record<string, unknown> = {},
  ) {
    super(code, message, extensions);
  }
}

export interface ErrorLogger {
  error(fields: Record<string, unknown>, message: string): void;
}

/**
 * Refusals Hono itself raises (a body limit, a media type), by status; anything else is a bad
 * request.
 */
const HTTP_CODES: Partial<Record<number, ProblemCode>> = {
  413: 'payload-too-large',
  415: 'unsupported-media-type',
};

// Connection failures (08), exhausted resources (53), a database not accepting connections (55)
// and operator intervention (57) are temporary and worth retrying; anything else is our bug.
const TEMPORARY_SQLSTATE = /^(08|53|55|57)/;

/** Maps every thrown error to a problem document; a 5xx never shows an internal message. */
export function createErrorHandler(log: ErrorLogger) {
  return (err: Error, c: Context<AppEnv>): Response => {
    const requestId = c.get('requestId');
    const answer = (
      code: ProblemCode,
      detail: string,
      extensions?: Record<string, unknown>,
      headers?: Record<string, string>,
    ) => problemResponse({ code, detail, instance: c.req.path, extensions }, requestId, headers);
    if (err instanceof Refusal) return answer(err.code, err.message, err.extensions, err.headers);
    if (err instanceof DomainError) return answer(err.code, err.message, err.extensions);
    if (err instanceof HTTPException && err.status < 500) {
      return answer(HTTP_CODES[err.status] ?? 'invalid-request', err.message);
    }
    log.error({ err, requestId, path: c.req.path }, 'request failed');
    if (err instanceof DatabaseError && TEMPORARY_SQLSTATE.test(err.code)) {
      return answer('unavailable', 'the database is not answering; try again shortly');
    }
    return answer(
      'internal',
      `something went wrong; quote request id ${requestId} when reporting it`,
    );
  };
}
