/** What a stored or rendered representation can be validated by, as header values. */
export interface Validators {
  /** The strong tag of its uncoded body; each content coding's tag is made from it (codingTag). */
  etag: string | null;
  /** An HTTP date (whole seconds), as sent in Last-Modified. */
  lastModified: string | null;
}

/** Reads a request header by its lower-case name: a Headers object, or a runtime's own. */
export interface HeaderReader {
  get(name: string): string | null | undefined;
}

/** The content codings a representation may be sent in, each with a strong tag of its own. */
export type Coding = 'br' | 'gzip' | 'identity';

/** What a coding's tag adds to the uncoded body's, inside the quotes. */
const CODING_SUFFIXES: Record<Exclude<Coding, 'identity'>, string> = { gzip: '-gz', br: '-br' };

/**
 * The strong ETag of a representation in a content coding, from its uncoded body's
 * (`"abc"` → `"abc-gz"`): distinct per coding, as RFC 9110 §8.8.3 asks of different bytes, and
 * traceable to the one representation, so that a tag of any coding revalidates it.
 */
export function codingTag(etag: string, coding: Coding): string {
  return coding === 'identity' ? etag : `${etag.slice(0, -1)}${CODING_SUFFIXES[coding]}"`;
}

/** A tag as If-None-Match compares it: weakly (W/ dropped), and a coding's as the uncoded one's. */
function comparable(tag: string): string {
  const opaque = tag.startsWith('W/') ? tag.slice(2) : tag;
  for (const suffix of Object.values(CODING_SUFFIXES)) {
    if (opaque.endsWith(`${suffix}"`)) return `${opaque.slice(0, -suffix.length - 1)}"`;
  }
  return opaque;
}

/**
 * Whether a conditional GET may be answered 304 (RFC 9110 §13.1.1–2): If-None-Match decides when
 * present (weak comparison, `*` matches any representation); otherwise If-Modified-Since. A tag
 * of any coding of the representation matches: a client that fetched it gzipped and revalidates
 * without Accept-Encoding (or the other way) has the current data, and gets a 304 carrying the
 * tag of the coding it would now be sent (Apache mod_deflate's old bug answered those 200).
 */
export function isNotModified(request: HeaderReader, validators: Validators): boolean {
  const ifNoneMatch = request.get('if-none-match');
  if (ifNoneMatch != null) {
    if (ifNoneMatch.trim() === '*') return true;
    const etag = validators.etag;
    if (etag === null) return false;
    const current = comparable(etag);
    return ifNoneMatch.split(',').some((tag) => comparable(tag.trim()) === current);
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
