import { type ProblemCode, problemResponse } from '../../src/contract/problem.ts';

/** The request id the edge reports: Cloudflare's ray id when there is one. */
export function requestIdOf(request: Request): string {
  return request.headers.get('cf-ray') ?? crypto.randomUUID();
}

/** A problem the edge answers itself, in the origin's format; never cached. */
export function edgeProblem(
  request: Request,
  code: ProblemCode,
  detail: string,
  headers: Record<string, string> = {},
): Response {
  const instance = new URL(request.url).pathname;
  return problemResponse({ code, detail, instance }, requestIdOf(request), headers);
}
