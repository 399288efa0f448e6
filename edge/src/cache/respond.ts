import { isNotModified, notModifiedHeaders } from '../../../src/contract/conditional.ts';
import type { StoredEntry } from './cache-store.ts';
import type { EdgeStatus } from './cached-fetch.ts';

export const EDGE_STATUS_HEADER = 'x-isobar-edge';

/**
 * A stored entry's headers as a plain object, worked out once per entry: a hit then makes one
 * Response from one object instead of copying a Headers and setting three more on it.
 */
const plainHeaders = new WeakMap<Headers, Record<string, string>>();
function plain(headers: Headers): Record<string, string> {
  let found = plainHeaders.get(headers);
  if (!found) {
    found = Object.fromEntries(headers);
    plainHeaders.set(headers, found);
  }
  return found;
}

/**
 * A client response for a stored entry: its own copy of the body, Age, X-Isobar-Edge, the
 * request's own id, and 304 or HEAD handling.
 */
export function entryResponse(
  request: Request,
  entry: StoredEntry,
  status: EdgeStatus,
  now: number,
  requestId: string,
): Response {
  // Object.assign, not a spread: V8 spreads an object of header names many times slower.
  const headers: Record<string, string> = Object.assign({}, plain(entry.headers), {
    age: String(Math.max(0, Math.floor((now - entry.storedAt) / 1000))),
    [EDGE_STATUS_HEADER]: status,
    'x-request-id': requestId,
  });
  const validators = { etag: headers.etag ?? null, lastModified: headers['last-modified'] ?? null };
  if (entry.status === 200 && isNotModified(request.headers, validators)) {
    const kept = notModifiedHeaders({ get: (name) => headers[name] });
    return new Response(null, {
      status: 304,
      headers: Object.assign(kept, { [EDGE_STATUS_HEADER]: status, 'x-request-id': requestId }),
    });
  }
  return new Response(request.method === 'HEAD' ? null : entry.body, {
    status: entry.status,
    headers,
  });
}

/** Marks a response the edge passed through without caching. */
export function withEdgeStatus(response: Response, status: EdgeStatus): Response {
  const marked = new Response(response.body, response);
  marked.headers.set(EDGE_STATUS_HEADER, status);
  return marked;
}
