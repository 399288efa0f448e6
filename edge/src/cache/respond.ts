import {
  type HeaderReader,
  isNotModified,
  notModifiedHeaders,
} from '../../../src/contract/protocol/conditional.ts';
import type { StoredEntry } from './cache-store.ts';
import type { EdgeStatus } from './cached-fetch.ts';

export const EDGE_STATUS_HEADER = 'x-isobar-edge';

/** Headers an answer from a stored entry sets for itself, on top of the entry's own. */
const PER_ANSWER = ['age', EDGE_STATUS_HEADER, 'x-request-id'] as const;

/**
 * A stored entry's headers as one plain object, made once per entry with a slot for each
 * per-answer header: a hit fills those in and makes its Response from it (the Response copies
 * the object at once, before anything else can run), so no header is copied in JavaScript.
 */
const templates = new WeakMap<Headers, Record<string, string>>();
function template(headers: Headers): Record<string, string> {
  let found = templates.get(headers);
  if (!found) {
    found = Object.fromEntries(headers);
    for (const name of PER_ANSWER) found[name] = '';
    templates.set(headers, found);
  }
  return found;
}

/**
 * A client response for a stored entry: its own copy of the body, Age, X-Isobar-Edge, the
 * request's own id, and 304 or HEAD handling.
 */
export function entryResponse(
  request: { method: string; headers: HeaderReader },
  entry: StoredEntry,
  status: EdgeStatus,
  now: number,
  requestId: string,
): Response {
  const headers = template(entry.headers);
  headers.age = String(Math.max(0, Math.floor((now - entry.storedAt) / 1000)));
  headers[EDGE_STATUS_HEADER] = status;
  headers['x-request-id'] = requestId;
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
