import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { Ambiguous, DomainError, Invalid, NotFound } from '../domain/errors.ts';
import { DatabaseError } from '../store/index.ts';
import type { AppEnv } from './context.ts';
import { problemResponse } from './problem.ts';

export interface ErrorLogger {
  error(fields: Record<string, unknown>, message: string): void;
}

/** Maps every thrown error to a problem document; a 5xx never shows an internal message. */
export function createErrorHandler(log: ErrorLogger) {
  return (err: Error, c: Context<AppEnv>): Response => {
    if (err instanceof DomainError) {
      const [status, code, title] =
        err instanceof NotFound
          ? ([404, 'not-found', 'Not Found'] as const)
          : err instanceof Ambiguous
            ? ([300, 'ambiguous', 'Multiple Choices'] as const)
            : err instanceof Invalid
              ? ([400, 'invalid-request', 'Bad Request'] as const)
              : ([400, 'invalid-request', 'Bad Request'] as const);
      return problemResponse(c, { status: status as 400, code, title, detail: err.message, ...err.detail });
    }
    if (err instanceof HTTPException && err.status < 500) {
      return problemResponse(c, { status: err.status, code: 'http-error', title: 'Bad Request', detail: err.message });
    }
    const requestId = c.get('requestId');
    log.error({ err, requestId, path: c.req.path }, 'request failed');
    // A database that cannot be reached is a temporary condition worth retrying; anything else is our bug.
    if (err instanceof DatabaseError && /^(08|57P)/.test(err.code)) {
      return problemResponse(c, { status: 503, code: 'unavailable', title: 'Service Unavailable', detail: 'the database is not answering; try again shortly' });
    }
    return problemResponse(c, { status: 500, code: 'internal', title: 'Internal Server Error', detail: `something went wrong; quote request id ${requestId} when reporting it` });
  };
}
