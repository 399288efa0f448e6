import { originCookies } from '../../src/contract/uris/cookie.ts';
import { keyPath } from './cache/cache-key.ts';

/** How the edge reaches the origin: global fetch in production, an in-test handler in tests. */
export type OriginFetch = (request: Request) => Promise<Response>;

/** The origin did not answer (headers and body) within the configured time. */
export class OriginTimeout extends Error {
  override name = 'OriginTimeout';
}

/**
 * Runs `work` with an abort signal, failing with OriginTimeout after `timeoutMs`. The race
 * covers reading the body too, and also stops an origin that ignores the signal.
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

function forwardingHeaders(publicUrl: URL): Headers {
  return new Headers({
    'x-forwarded-host': publicUrl.host,
    'x-forwarded-proto': publicUrl.protocol.slice(0, -1),
  });
}

/**
 * The origin request for a cacheable GET: the key's path and sorted query and nothing of the
 * visitor (no cookies, no credentials), since the answer is shared by everyone. `validators`
 * come from a stored copy, so a 304 can confirm it.
 */
export function cacheableRequest(key: string, originUrl: URL, validators?: Headers): Request {
  const headers = forwardingHeaders(new URL(key));
  const etag = validators?.get('etag');
  const lastModified = validators?.get('last-modified');
  if (etag) headers.set('if-none-match', etag);
  else if (lastModified) headers.set('if-modified-since', lastModified);
  return new Request(originTarget(originUrl, keyPath(key)), {
    method: 'GET',
    headers,
    redirect: 'manual',
  });
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
 * The visitor's request re-addressed to the origin: method, headers and body unchanged, except
 * that only the origin's own cookie goes along, and credentials only to the API that takes them.
 */
export function passThroughRequest(request: Request, originUrl: URL): Request {
  const publicUrl = new URL(request.url);
  const headers = new Headers(request.headers);
  headers.delete('host');
  const cookie = originCookies(request.headers.get('cookie'));
  if (cookie) headers.set('cookie', cookie);
  else headers.delete('cookie');
  if (!publicUrl.pathname.startsWith('/v1/')) headers.delete('authorization');
  for (const [name, value] of forwardingHeaders(publicUrl)) headers.set(name, value);
  // The origin geolocates `/` itself when the edge cannot; it needs the visitor's address.
  const visitor = request.headers.get('cf-connecting-ip');
  if (visitor) {
    const prior = request.headers.get('x-forwarded-for');
    headers.set('x-forwarded-for', prior ? `${prior}, ${visitor}` : visitor);
  }
  const target = originTarget(originUrl, `${publicUrl.pathname}${publicUrl.search}`);
  // A GET or HEAD carries no body that means anything, and fetch refuses to forward one.
  const reads = request.method === 'GET' || request.method === 'HEAD';
  if (reads) {
    headers.delete('content-length');
    headers.delete('transfer-encoding');
  }
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
