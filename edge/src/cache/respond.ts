import { isNotModified, notModified } from '../../../src/contract/conditional.ts';
import type { StoredEntry } from './cache-store.ts';
import type { EdgeStatus } from './cached-fetch.ts';

export const EDGE_STATUS_HEADER = 'x-isobar-edge';

/**
 * A client response for a stored entry: its own copy of the body, Age, X-Isobar-Edge, and 304 or
 * HEAD handling.
 */
export function entryResponse(
  request: Request,
  entry: StoredEntry,
  status: EdgeStatus,
  now: number,
): Response {
  const headers = new Headers(entry.headers);
  headers.set('age', String(Math.max(0, Math.floor((now - entry.storedAt) / 1000))));
  const validators = { etag: headers.get('etag'), lastModified: headers.get('last-modified') };
  const response =
    entry.status === 200 && isNotModified(request.headers, validators)
      ? notModified(headers)
      : new Response(request.method === 'HEAD' ? null : entry.body, {
          status: entry.status,
          headers,
        });
  response.headers.set(EDGE_STATUS_HEADER, status);
  return response;
}

/** Marks a response the edge passed through without caching. */
export function withEdgeStatus(response: Response, status: EdgeStatus): Response {
  const marked = new Response(response.body, response);
  marked.headers.set(EDGE_STATUS_HEADER, status);
  return marked;
}
