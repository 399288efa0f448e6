import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ProblemCode } from '../contract/protocol/problem.ts';
import { DomainError } from '../contract/protocol/request-errors.ts';
import { DatabaseError } from '../store/index.ts';
import type { AppEnv } from './context.ts';
import { problemReply } from './pages/problem-html.ts';

/**
 * A refusal whose answer needs headers of its own (`WWW-Authenticate`, `Retry-After`, `Allow`):
 * raised by the HTTP layer only, so domain errors stay free of HTTP.
 */
export class Refusal extends DomainError {
  readonly headers: Record<string, string>;
  constructor(
    code: ProblemCode,
    message: string,
    headers: Record<string, string>,
    extensions: Record<string, unknown> = {},
  ) {
    super(code, message, extensions);
    this.headers = headers;
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

// Connection failures (08), authentication refused (28), a missing database (3D000), exhausted
// resources (53), a database not accepting connections (55), operator intervention (57),
// permission refused (42501) and a schema that is not there (a missing table 42P01, column 42703
// or schema 3F000: a database recreated empty under us) are unavailability, for an operator to
// fix and a client to retry; anything else is our bug.
const TEMPORARY_CLASS = /^(08|28|53|55|57)/;
const TEMPORARY_CODES = new Set(['3D000', '3F000', '42501', '42P01', '42703']);
const unavailable = (code: string) => TEMPORARY_CLASS.test(code) || TEMPORARY_CODES.has(code);
const RETRY_AFTER_SECONDS = '5';
// A deadlock (40P01) or a serialization failure (40001): the transaction met another one and
// was rolled back whole; sent again, it passes. A write never answers 500 for that.
const CONFLICT_CODES = new Set(['40P01', '40001']);
const CONFLICT_RETRY_AFTER_SECONDS = '1';

/**
 * Maps every thrown error to a problem (a page at HTML URIs); a 5xx never shows an internal
 * message.
 */
export function createErrorHandler(log: ErrorLogger) {
  return (err: Error, c: Context<AppEnv>): Promise<Response> => {
    const requestId = c.get('requestId');
    const answer = (
      code: ProblemCode,
      detail: string,
      extensions?: Record<string, unknown>,
      headers?: Record<string, string>,
    ) => problemReply({ code, detail, instance: c.req.path, extensions }, requestId, headers);
    if (err instanceof Refusal) return answer(err.code, err.message, err.extensions, err.headers);
    if (err instanceof DomainError) return answer(err.code, err.message, err.extensions);
    if (err instanceof HTTPException && err.status < 500) {
      return answer(HTTP_CODES[err.status] ?? 'invalid-request', err.message);
    }
    log.error({ err, requestId, path: c.req.path }, 'request failed');
    if (err instanceof DatabaseError && CONFLICT_CODES.has(err.code)) {
      return answer(
        'unavailable',
        'this request met another one changing the same rows and nothing of it was kept; send it again',
        undefined,
        { 'retry-after': CONFLICT_RETRY_AFTER_SECONDS },
      );
    }
    if (err instanceof DatabaseError && unavailable(err.code)) {
      return answer('unavailable', 'the database is not answering; try again shortly', undefined, {
        'retry-after': RETRY_AFTER_SECONDS,
      });
    }
    return answer(
      'internal',
      `something went wrong; quote request id ${requestId} when reporting it`,
    );
  };
}
