import type { HeaderReader } from '../../src/contract/protocol/conditional.ts';
import { type ProblemCode, problemResponse } from '../../src/contract/protocol/problem.ts';
import { problemAnswer, standaloneSecurity } from '../../src/contract/protocol/problem-page.ts';
import { OPERATOR_PATHS, originPath } from './operator-paths.ts';

/** The request id the edge reports: Cloudflare's ray id when there is one. */
export function requestIdOf(headers: HeaderReader): string {
  return headers.get('cf-ray') ?? crypto.randomUUID();
}

/**
 * An answer the edge makes itself, with the security headers the origin gives its own (an
 * answer passed on from the origin keeps the origin's: its route decides them).
 */
export function own(response: Response): Response {
  const headers = standaloneSecurity(null, response.status, response.headers.get('content-type'));
  for (const name in headers) response.headers.set(name, headers[name]!);
  return response;
}

/**
 * A problem the edge answers itself, in the origin's form for that path (a page at HTML URIs,
 * the problem document elsewhere); never cached.
 */
export function edgeProblem(
  request: Request,
  code: ProblemCode,
  detail: string,
  headers: Record<string, string> = {},
): Response {
  const instance = new URL(request.url).pathname;
  // The form follows the path as the origin reads it: `/%2Fmetrics` is `/metrics`.
  const form = originPath(instance);
  const answer = problemAnswer(form, { code, detail, instance }, requestIdOf(request.headers));
  return own(
    new Response(request.method === 'HEAD' ? null : answer.body, {
      status: answer.status,
      headers: { 'content-type': answer.contentType, 'cache-control': 'no-store', ...headers },
    }),
  );
}

/**
 * The answer to an operator page asked through the edge: `403 forbidden`, the status the origin
 * gives a client outside METRICS_ALLOW and the one a WAF block gives in production, so the path
 * answers alike whichever layer refuses it. (The paths are in the published OpenAPI document, so
 * a 404 would hide nothing, and would tell an operator the page had gone.) Always the problem
 * document, HTML URI or not: one answer for every spelling.
 */
export function refusal(request: Request): Response {
  const instance = new URL(request.url).pathname;
  const detail =
    `${OPERATOR_PATHS.join(', ')} are for the operator's own network (the origin's ` +
    'METRICS_ALLOW), never served through the public edge.';
  const answer = problemResponse(
    { code: 'forbidden', detail, instance },
    requestIdOf(request.headers),
  );
  return own(request.method === 'HEAD' ? new Response(null, answer) : answer);
}
