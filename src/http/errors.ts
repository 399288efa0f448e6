import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { Ambiguous, DomainError, NotFound } from '../domain/errors.ts';
import { DatabaseError } from '../store/index.ts';
import type { AppEnv } from './context.ts';
import { type Problem, problemResponse } from './problem.ts';

export interface ErrorLogger {
  error(fields: Record<string, unknown>, message: string): void;
}

function domainProblem(err: DomainError): Pick<Problem, 'status' | 'code' | 'title'> {
  if (err instanceof NotFound) return { status: 404, code: 'not-found', title: 'Not Found' };
  if (err instanceof Ambiguous)
    return { status: 300 as ContentfulStatusCode, code: 'ambiguous', title: 'Multiple Choices' };
  // Invalid, and any other domain refusal: the request was at fault, nothing was changed.
  return { status: 400, code: 'invalid-request', title: 'Bad Request' };
}

/** Maps every thrown error to a problem document; a 5xx never shows an internal message. */
export function createErrorHandler(log: ErrorLogger) {
  return (err: Error, c: Context<AppEnv>): Response => {
    if (err instanceof DomainError) {
      const { status, code, title } = domainProblem(err);
      return problemResponse(c, { status, code, title, detail: err.message, ...err.detail });
    }
    if (err instanceof HTTPException && err.status < 500) {
      return problemResponse(c, {
        status: err.status,
        code: 'http-error',
        title: 'Bad Request',
        detail: err.message,
      });
    }
    const requestId = c.get('requestId');
    log.error({ err, requestId, path: c.req.path }, 'request failed');
    // Connection failures (08), exhausted resources (53), a database not accepting connections
    // (55) and operator intervention (57) are temporary and worth retrying; anything else is our bug.
    if (err instanceof DatabaseError && /^(08|53|55|57)/.test(err.code)) {
      return problemResponse(c, {
        status: 503,
        code: 'unavailable',
        title: 'Service Unavailable',
        detail: 'the database is not answering; try again shortly',
      });
    }
    return problemResponse(c, {
      status: 500,
      code: 'internal',
      title: 'Internal Server Error',
      detail: `something went wrong; quote request id ${requestId} when reporting it`,
    });
  };
}
