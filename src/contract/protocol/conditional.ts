/** What a stored or rendered representation can be validated by, as header values. */
export interface Validators {
  etag: string | null;
  /** An HTTP date (whole seconds), as sent in Last-Modified. */
  lastModified: string | null;
}

/** Reads a request header by its lower-case name: a Headers object, or a runtime's own. */
export interface HeaderReader {
  get(name: string): string | null | undefined;
}

/**
 * Whether a conditional GET may be answered 304 (RFC 9110 §13.1.1–2): If-None-Match decides when
 * present (weak comparison, `*` matches any representation); otherwise If-Modified-Since.
 */
export function isNotModified(request: HeaderReader, validators: Validators): boolean {
  const ifNoneMatch = request.get('if-none-match');
  if (ifNoneMatch != null) {
    if (ifNoneMatch.trim() === '*') return true;
    const etag = validators.etag;
    return etag !== null && ifNoneMatch.split(',').some((tag) => weak(tag.trim()) === weak(etag));
  }
  // Most requests are unconditional: nothing is parsed for them.
  const sinceHeader = request.get('if-modified-since');
  if (sinceHeader == null || validators.lastModified === null) return false;
  const since = Date.parse(sinceHeader);
  const modified = Date.parse(validators.lastModified);
  return Number.isFinite(since) && Number.isFinite(modified) && modified <= since;
}

/**
 * Headers a 304 repeats from the full answer: those RFC 9110 §15.4.5 requires, plus what guides a
 * cache's update of its copy (Last-Modified, Age, the purge tags).
 */
const NOT_MODIFIED_HEADERS = [
  'cache-control',
  'cdn-cache-control',
  'content-location',
  'date',
  'etag',
  'expires',
  'vary',
  'last-modified',
  'age',
  'cache-tag',
  // A script's own conditional request sees the 304, so it must pass the CORS check too.
  'access-control-allow-origin',
  'access-control-expose-headers',
];

/** The headers of the 304 for a full answer's headers: no content headers. */
export function notModifiedHeaders(full: HeaderReader): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of NOT_MODIFIED_HEADERS) {
    const value = full.get(name);
    if (value != null) headers[name] = value;
  }
  return headers;
}

function weak(tag: string): string {
  return tag.startsWith('W/') ? tag.slice(2) : tag;
}
