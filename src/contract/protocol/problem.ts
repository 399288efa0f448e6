/**
 * Problem documents (RFC 9457), as the origin and the edge both answer them. Every problem has a
 * stable `code`; this table is the one place that decides its status and title.
 */
export const PROBLEMS = {
  'invalid-request': { status: 400, title: 'Bad Request' },
  unauthorized: { status: 401, title: 'Unauthorized' },
  forbidden: { status: 403, title: 'Forbidden' },
  'insufficient-scope': { status: 403, title: 'Insufficient Scope' },
  'not-found': { status: 404, title: 'Not Found' },
  'no-such-uri': { status: 404, title: 'Not Found' },
  'unknown-place': { status: 404, title: 'Unknown Place' },
  'empty-catalog': { status: 404, title: 'Empty Catalog' },
  'no-data': { status: 404, title: 'No Data' },
  'method-not-allowed': { status: 405, title: 'Method Not Allowed' },
  'cursor-expired': { status: 410, title: 'Cursor Expired' },
  'request-timeout': { status: 408, title: 'Request Timeout' },
  'payload-too-large': { status: 413, title: 'Payload Too Large' },
  'uri-too-long': { status: 414, title: 'URI Too Long' },
  'unsupported-media-type': { status: 415, title: 'Unsupported Media Type' },
  'invalid-rows': { status: 422, title: 'Invalid Rows' },
  'rate-limited': { status: 429, title: 'Too Many Requests' },
  'headers-too-large': { status: 431, title: 'Request Header Fields Too Large' },
  internal: { status: 500, title: 'Internal Server Error' },
  unavailable: { status: 503, title: 'Service Unavailable' },
  // Answered by the edge worker itself.
  'edge-misconfigured': { status: 500, title: 'Edge Misconfigured' },
  'origin-unreachable': { status: 502, title: 'Bad Gateway' },
  'origin-timeout': { status: 504, title: 'Gateway Timeout' },
  'purge-bad-body': { status: 400, title: 'Bad Purge Request' },
  'purge-bad-timestamp': { status: 401, title: 'Purge Refused: Timestamp' },
  'purge-bad-signature': { status: 401, title: 'Purge Refused: Signature' },
  'purge-replayed': { status: 401, title: 'Purge Refused: Replayed' },
  'purge-too-large': { status: 413, title: 'Purge Request Too Large' },
  'purge-disabled': { status: 503, title: 'Purge Not Configured' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemCode = keyof typeof PROBLEMS;
export type ProblemStatus = (typeof PROBLEMS)[ProblemCode]['status'];

export const PROBLEM_JSON = 'application/problem+json; charset=utf-8';

export interface ProblemDocument {
  type: 'about:blank';
  status: ProblemStatus;
  code: ProblemCode;
  title: string;
  detail: string;
  /** The path the problem is about. */
  instance: string;
  /** Only in answers that no cache keeps: a cached body is the same for every requester. */
  request_id?: string;
  [extension: string]: unknown;
}

export interface ProblemInit {
  code: ProblemCode;
  /** Names the problem for a person: what was wrong and, where it helps, what works. */
  detail: string;
  instance: string;
  extensions?: Record<string, unknown>;
}

/** The document for a problem; `requestId` is left out of anything a cache may keep. */
export function problemDocument(init: ProblemInit, requestId?: string): ProblemDocument {
  const { status, title } = PROBLEMS[init.code];
  const doc: ProblemDocument = {
    type: 'about:blank',
    ...init.extensions,
    status,
    code: init.code,
    title,
    detail: init.detail,
    instance: init.instance,
  };
  if (requestId !== undefined) doc.request_id = requestId;
  return doc;
}

/** A problem no cache may keep (bad input, refusals, failures), carrying its request id. */
export function problemResponse(
  init: ProblemInit,
  requestId: string,
  headers: Record<string, string> = {},
): Response {
  const doc = problemDocument(init, requestId);
  return new Response(JSON.stringify(doc), {
    status: doc.status,
    headers: { 'content-type': PROBLEM_JSON, 'cache-control': 'no-store', ...headers },
  });
}
