import type { StoredEntry } from './cache-store.ts';
import type { EdgeStatus } from './cached-fetch.ts';

export const EDGE_STATUS_HEADER = 'x-isobar-edge';

/** Headers a 304 repeats from the full response (RFC 9110 §15.4.5). */
const NOT_MODIFIED_HEADERS = [
  'cache-control',
  'content-location',
  'date',
  'etag',
  'expires',
  'vary',
  'last-modified',
  'age',
];

/** A client response for a stored entry: its own copy of the body, Age, X-Isobar-Edge, and 304 or HEAD handling. */
export function entryResponse(
  request: Request,
  entry: StoredEntry,
  status: EdgeStatus,
  now: number,
): Response {
  const headers = new Headers(entry.headers);
  headers.set('age', String(Math.max(0, Math.floor((now - entry.storedAt) / 1000))));
  headers.set(EDGE_STATUS_HEADER, status);
  if (entry.status === 200 && notModified(request.headers, entry.headers)) {
    const kept = new Headers({ [EDGE_STATUS_HEADER]: status });
    for (const name of NOT_MODIFIED_HEADERS) {
      const value = headers.get(name);
      if (value !== null) kept.set(name, value);
    }
    return new Response(null, { status: 304, headers: kept });
  }
  const body = request.method === 'HEAD' ? null : entry.body;
  return new Response(body, { status: entry.status, headers });
}

/** Marks a response the edge passed through without caching. */
export function withEdgeStatus(response: Response, status: EdgeStatus): Response {
  const marked = new Response(response.body, response);
  marked.headers.set(EDGE_STATUS_HEADER, status);
  return marked;
}

/** Whether the client's validators match the stored copy (If-None-Match wins over If-Modified-Since). */
function notModified(request: Headers, stored: Headers): boolean {
  const ifNoneMatch = request.get('if-none-match');
  if (ifNoneMatch !== null) {
    const etag = stored.get('etag');
    if (!etag) return false;
    const wanted = ifNoneMatch.split(',').map((tag) => tag.trim());
    return wanted.includes('*') || wanted.some((tag) => weak(tag) === weak(etag));
  }
  const since = Date.parse(request.get('if-modified-since') ?? '');
  const modified = Date.parse(stored.get('last-modified') ?? '');
  return Number.isFinite(since) && Number.isFinite(modified) && modified <= since;
}

function weak(tag: string): string {
  return tag.startsWith('W/') ? tag.slice(2) : tag;
}
