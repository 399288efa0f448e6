import type { HeaderReader } from '../../src/contract/protocol/conditional.ts';
import type { ProblemCode } from '../../src/contract/protocol/problem.ts';
import { problemAnswer } from '../../src/contract/protocol/problem-page.ts';
import { originPath } from './routes.ts';

/** The request id the edge reports: Cloudflare's ray id when there is one. */
export function requestIdOf(headers: HeaderReader): string {
  return headers.get('cf-ray') ?? crypto.randomUUID();
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
  return new Response(request.method === 'HEAD' ? null : answer.body, {
    status: answer.status,
    headers: { 'content-type': answer.contentType, 'cache-control': 'no-store', ...headers },
  });
}
