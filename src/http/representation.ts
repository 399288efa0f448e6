import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { ALL_TAG } from '../contract/protocol/cache-tags.ts';
import {
  codingTag,
  type HeaderReader,
  isNotModified,
  notModifiedHeaders,
} from '../contract/protocol/conditional.ts';
import { type CacheHeaders, cacheHeaders, type Freshness } from '../contract/protocol/freshness.ts';
import { entityTag } from '../documents/entity-tag.ts';
import type { Cacheable } from './cache/micro-cache.ts';
import { chooseEncoding, type Encoding } from './encoding.ts';
import { withRequestId } from './request-id.ts';

/** One encoding of a representation's body, with the headers that never change for it. */
interface Variant {
  /** Text only for a representation's first answer (see representation). */
  body: Buffer | string;
  etag: string;
  /** Every header but the caching ones (they count down) and X-Request-Id (per request). */
  headers: Record<string, string>;
}

/**
 * A rendered, cacheable answer: what the micro-cache keeps and every copy is served from. Its
 * body is encoded once, compressed at most once per coding (when a client first asks for it),
 * and its headers are worked out once, so that serving a copy costs no hashing, no string
 * encoding and nothing in proportion to its size. The body is the same for every requester,
 * so nothing per-request (a request id) may be in it.
 */
export interface Representation extends Cacheable {
  status: 200 | 301 | 302 | 404;
  contentType: string;
  location: string | null;
  /** The identity body's strong validator; each compressed variant has its own. */
  etag: string;
  /** An HTTP date, from the data. */
  lastModified: string | null;
  freshness: Freshness;
  /** The route that made it: its metrics label when a copy is served straight from the cache. */
  route: string;
  /**
   * What its route does for every request it answers (counting a place's views), called when a
   * copy is served before routing, where the route itself does not run.
   */
  served?: () => void;
  /** The body in a coding (made on first demand, then kept), or undefined if not worth it. */
  variant(encoding: Encoding): Variant | undefined;
  /** Its caching headers at a time: the lifetime counts down from when it was rendered. */
  cacheHeaders(now: number): CacheHeaders;
}

export interface RepresentationInit {
  status: Representation['status'];
  /** Text, or bytes for a binary file (an icon). */
  body: string | Uint8Array;
  contentType: string;
  freshness: Freshness;
  now: number;
  tags?: string[];
  location?: string;
  lastModified?: Date;
  route?: string;
  /**
   * The identity body's tag when made already, by entityTag over these very bytes and content
   * type (a stored document keeps the one made with it): nothing is hashed then.
   */
  etag?: string;
}

/** Below this, compression saves less than its headers cost. */
const MIN_COMPRESSIBLE = 1024;
const COMPRESSIBLE = /^(text\/|application\/(json|problem\+json|xml)|image\/svg\+xml)/;

function compress(body: Buffer, encoding: 'br' | 'gzip'): Buffer {
  if (encoding === 'gzip') return gzipSync(body, { level: 6 });
  // Quality 5: most of the gain of 11 at a fraction of the time, paid once per representation.
  return brotliCompressSync(body, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 5,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
}

export function representation(init: RepresentationInit): Representation {
  // Text is encoded when a second answer needs it (or a compressed variant does): the answer
  // that made a representation, often its only one, is written from the string as it came.
  const text = typeof init.body === 'string' ? init.body : null;
  let bytes = typeof init.body === 'string' ? null : Buffer.from(init.body);
  const encoded = () => {
    bytes ??= Buffer.from(text!);
    return bytes;
  };
  const byteLength = bytes ? bytes.byteLength : Buffer.byteLength(text!);
  const quoted = init.etag ?? entityTag(bytes ?? text!, init.contentType);
  const lastModified = init.lastModified?.toUTCString() ?? null;
  // Every cacheable answer carries ALL_TAG too: purging it empties the caches downstream.
  const tags = [...new Set([...(init.tags ?? []), ALL_TAG])];
  const headersFor = (length: number, etag: string, encoding: Encoding) => {
    const headers: Record<string, string> = {
      etag,
      vary: 'Accept-Encoding',
      'content-type': init.contentType,
      'content-length': String(length),
    };
    if (encoding !== 'identity') headers['content-encoding'] = encoding;
    if (lastModified) headers['last-modified'] = lastModified;
    if (tags.length > 0) headers['cache-tag'] = tags.join(',');
    if (init.location) headers.location = init.location;
    return headers;
  };
  const identity: Variant = {
    body: bytes ?? text!,
    etag: quoted,
    headers: headersFor(byteLength, quoted, 'identity'),
  };
  const variants = new Map<Encoding, Variant | undefined>([['identity', identity]]);
  const compressible = byteLength >= MIN_COMPRESSIBLE && COMPRESSIBLE.test(init.contentType);
  const expiresAt = init.now + init.freshness.maxAge * 1000;
  let second = Number.NaN;
  let caching: CacheHeaders | undefined;
  let answered = false;
  return {
    status: init.status,
    contentType: init.contentType,
    location: init.location ?? null,
    etag: identity.etag,
    lastModified,
    freshness: init.freshness,
    route: init.route ?? 'other',
    expiresAt,
    tags,
    // Room for the compressed variants too, each smaller than the body.
    size: byteLength * 2 + 512,
    variant(encoding) {
      if (encoding === 'identity') {
        // The first answer is written from the text; from the second on, served copies are
        // bytes, encoded once here.
        if (answered && typeof identity.body === 'string') identity.body = encoded();
        answered = true;
        return identity;
      }
      if (variants.has(encoding)) return variants.get(encoding);
      let made: Variant | undefined;
      if (compressible) {
        const coded = compress(encoded(), encoding);
        const etag = codingTag(quoted, encoding);
        if (coded.byteLength < byteLength)
          made = { body: coded, etag, headers: headersFor(coded.byteLength, etag, encoding) };
      }
      variants.set(encoding, made);
      return made;
    },
    cacheHeaders(now) {
      const s = Math.floor(now / 1000);
      if (s !== second || !caching) {
        second = s;
        caching = cacheHeaders(init.freshness, Math.max(0, Math.ceil((expiresAt - now) / 1000)));
      }
      return caching;
    },
  };
}

/** An answer as its parts, for whichever runtime writes it: status, plain headers, body. */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array | string | null;
}

/**
 * Answers one request from a representation: the coding the client prefers, 304 to a matching
 * conditional GET, and the request's own id. Nothing here is in proportion to the body's size.
 */
export function answer(
  rep: Representation,
  request: HeaderReader,
  now: number,
  requestId: string,
): Answer {
  const variant =
    rep.variant(chooseEncoding(request.get('accept-encoding'))) ?? rep.variant('identity')!;
  // Object.assign, not a spread: V8 (Node 20) spreads an object of these header names twenty
  // times slower, and this runs for every cached answer.
  const caching = rep.cacheHeaders(now);
  const headers: Record<string, string> = Object.assign({}, variant.headers, {
    'cache-control': caching['cache-control'],
    'cdn-cache-control': caching['cdn-cache-control'],
    'x-request-id': requestId,
  });
  // Any coding's tag matches (the representation's, uncoded); the 304 carries this coding's.
  if (rep.status === 200 && isNotModified(request, rep)) {
    const kept = notModifiedHeaders({ get: (name) => headers[name] });
    kept['x-request-id'] = requestId;
    return { status: 304, headers: kept, body: null };
  }
  return { status: rep.status, headers, body: rep.status === 301 ? null : variant.body };
}

/** An answer as a fetch Response; its headers, given as a plain object, carry its request id. */
export function toResponse(parts: Answer): Response {
  return withRequestId(new Response(parts.body, { status: parts.status, headers: parts.headers }));
}

/** Serves a representation to one request, as a Response (see answer). */
export function respond(
  rep: Representation,
  request: HeaderReader,
  now: number,
  requestId: string,
) {
  return toResponse(answer(rep, request, now, requestId));
}
