import { withoutHopByHop } from './hop-by-hop.ts';

/** How the worker reaches ORIGIN_URL: the runtime's fetch in production, a handler in tests. */
export type OriginFetch = (request: Request) => Promise<Response>;

/** The origin did not answer within the configured time. */
export class OriginTimeout extends Error {
  override name = 'OriginTimeout';
}

/**
 * Runs `work` with an abort signal, failing with OriginTimeout after `timeoutMs`. The race also
 * stops an origin (or a fetch) that ignores the signal.
 */
export async function withTimeout<T>(
  timeoutMs: number,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new OriginTimeout(`the origin did not answer within ${timeoutMs} ms`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([work(controller.signal), expired]);
  } finally {
    if (timer !== null) clearTimeout(timer);
  }
}

/**
 * The origin's URL for a public path and query. Concatenated, never resolved: resolving
 * `//other.host/x` against ORIGIN_URL would replace the origin's host and turn the worker
 * into an open proxy. The check is a second line of defence for any spelling that slips by.
 */
export function originTarget(originUrl: URL, pathAndQuery: string): URL {
  const target = new URL(
    `${originUrl.origin}${pathAndQuery.startsWith('/') ? '' : '/'}${pathAndQuery}`,
  );
  if (target.origin !== originUrl.origin)
    throw new Error(`refusing to leave the origin for ${pathAndQuery}`);
  return target;
}

/**
 * The visitor's request re-addressed to the origin: method, path, query, headers and body as
 * they came, less the hop-by-hop headers, plus what a proxy in front of the origin adds
 * (`X-Forwarded-Host`, `-Proto`, and the visitor appended to `X-Forwarded-For`, as Cloudflare
 * does in front of an origin).
 */
export function passThroughRequest(request: Request, originUrl: URL): Request {
  const publicUrl = new URL(request.url);
  const headers = withoutHopByHop(request.headers);
  headers.delete('host');
  headers.set('x-forwarded-host', publicUrl.host);
  headers.set('x-forwarded-proto', publicUrl.protocol.slice(0, -1));
  const visitor = request.headers.get('cf-connecting-ip');
  if (visitor) {
    const prior = request.headers.get('x-forwarded-for');
    headers.set('x-forwarded-for', prior ? `${prior}, ${visitor}` : visitor);
  }
  const target = originTarget(originUrl, `${publicUrl.pathname}${publicUrl.search}`);
  // A GET or HEAD carries no body that means anything, and fetch refuses to forward one.
  const reads = request.method === 'GET' || request.method === 'HEAD';
  if (reads) headers.delete('content-length');
  const init: StreamingInit = {
    method: request.method,
    headers,
    body: reads ? null : request.body,
    redirect: 'manual',
  };
  // A streamed body must say it is sent half-duplex where fetch follows the standard (Node);
  // Workers ignore the field.
  if (!reads) init.duplex = 'half';
  return new Request(target, init);
}

/** RequestInit with the standard's `duplex`, which not every runtime's types declare yet. */
export type StreamingInit = RequestInit & { duplex?: 'half' };

/**
 * Points a Location at the origin's own address back at the public host, so a redirect built
 * from the origin's Host header never sends a visitor past the edge.
 */
export function publicLocation(headers: Headers, originUrl: URL, publicOrigin: string): void {
  const location = headers.get('location');
  if (location?.startsWith(`${originUrl.origin}/`)) {
    headers.set('location', `${publicOrigin}${location.slice(originUrl.origin.length)}`);
  }
}
