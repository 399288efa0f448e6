import { createHash } from 'node:crypto';
import { isNotModified, notModified } from '../contract/conditional.ts';
import { cacheControl, type Freshness } from '../contract/freshness.ts';
import type { Cacheable } from './cache/micro-cache.ts';

/**
 * A rendered, cacheable answer: what the micro-cache keeps and every copy is served from. Its
 * body is the same for every requester, so nothing per-request (a request id) may be in it.
 */
export interface Representation extends Cacheable {
  status: 200 | 301 | 404;
  body: string;
  contentType: string;
  location: string | null;
  /** Strong validator: a hash of the exact bytes. */
  etag: string;
  /** An HTTP date, from the data. */
  lastModified: string | null;
  freshness: Freshness;
}

export interface RepresentationInit {
  status: Representation['status'];
  body: string;
  contentType: string;
  freshness: Freshness;
  now: number;
  tags?: string[];
  location?: string;
  lastModified?: Date;
}

export function representation(init: RepresentationInit): Representation {
  const bytes = Buffer.byteLength(init.body);
  const hash = createHash('sha256').update(init.body).update(init.contentType);
  return {
    status: init.status,
    body: init.body,
    contentType: init.contentType,
    location: init.location ?? null,
    etag: `"${hash.digest('base64url').slice(0, 32)}"`,
    lastModified: init.lastModified?.toUTCString() ?? null,
    expiresAt: init.now + init.freshness.maxAge * 1000,
    freshness: init.freshness,
    tags: init.tags ?? [],
    size: bytes + 256,
  };
}

/** Serves a representation to one request, answering 304 to a matching conditional GET. */
export function respond(rep: Representation, requestHeaders: Headers, now: number): Response {
  // The lifetime counts down from when the representation was rendered.
  const maxAge = Math.max(0, Math.ceil((rep.expiresAt - now) / 1000));
  const headers = new Headers({
    'cache-control': cacheControl(rep.freshness, maxAge),
    etag: rep.etag,
    vary: 'Accept-Encoding',
  });
  if (rep.lastModified) headers.set('last-modified', rep.lastModified);
  if (rep.tags.length > 0) headers.set('cache-tag', rep.tags.join(','));
  if (rep.location) headers.set('location', rep.location);
  if (rep.status === 200 && isNotModified(requestHeaders, rep)) return notModified(headers);
  headers.set('content-type', rep.contentType);
  return new Response(rep.body, { status: rep.status, headers });
}
