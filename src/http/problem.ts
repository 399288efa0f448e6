import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** An RFC 9457 problem document; `code` is a stable machine-readable name for the problem. */
export interface Problem {
  status: ContentfulStatusCode;
  code: string;
  title: string;
  detail: string;
  [extension: string]: unknown;
}

/** The problem document as JSON text, carrying the request id so a report can be traced in the logs. */
export function problemBody(problem: Problem, instance: string, requestId: string): string {
  return JSON.stringify({ type: 'about:blank', ...problem, instance, request_id: requestId });
}

export const PROBLEM_JSON = 'application/problem+json; charset=utf-8';

/** Answers with a problem that no cache may keep (bad input, server errors). */
export function problemResponse(c: Context, problem: Problem): Response {
  return c.body(problemBody(problem, c.req.path, c.get('requestId') ?? ''), problem.status, {
    'content-type': PROBLEM_JSON,
    'cache-control': 'no-store',
  });
}
