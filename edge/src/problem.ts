/** The same RFC 9457 shape the origin answers with, so clients see one error format. */
export interface EdgeProblem {
  status: number;
  code: string;
  title: string;
  detail: string;
}

export const PROBLEM_JSON = 'application/problem+json; charset=utf-8';

/** The request id the edge reports: Cloudflare's ray id when there is one. */
export function requestIdOf(request: Request): string {
  return request.headers.get('cf-ray') ?? crypto.randomUUID();
}

/** An uncacheable problem response answered by the edge itself. */
export function problemResponse(
  request: Request,
  problem: EdgeProblem,
  headers: Record<string, string> = {},
): Response {
  const body = JSON.stringify({
    type: 'about:blank',
    ...problem,
    instance: new URL(request.url).pathname,
    request_id: requestIdOf(request),
  });
  return new Response(body, {
    status: problem.status,
    headers: { 'content-type': PROBLEM_JSON, 'cache-control': 'no-store', ...headers },
  });
}
