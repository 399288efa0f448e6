import { createHash } from 'node:crypto';
import type { Freshness } from '../domain/freshness.ts';
import type { Cacheable } from './cache/micro-cache.ts';

/** A rendered, cacheable answer: what the micro-cache keeps and every copy is served from. */
export interface Representation extends Cacheable {
  status: 200 | 301 | 404;
  body: string;
  contentType: string;
  location: string | null;
  /** Strong validator: a hash of the exact bytes. */
  etag: string;
  lastModified: Date | null;
  staleWhileRevalidate: number;
  staleIfError: number;
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
  return {
    status: init.status,
    body: init.body,
    contentType: init.contentType,
    location: init.location ?? null,
    etag: `"${createHash('sha256').update(init.body).update(init.contentType).digest('base64url').slice(0, 32)}"`,
    lastModified: init.lastModified ?? null,
    expiresAt: init.now + init.freshness.maxAge * 1000,
    staleWhileRevalidate: init.freshness.staleWhileRevalidate,
    staleIfError: init.freshness.staleIfError,
    tags: init.tags ?? [],
    size: bytes + 256,
  };
}

/** The Cache-Control of a cacheable answer: its lifetime counts down from when it was rendered. */
export function cacheControl(rep: Representation, now: number): string {
  const maxAge = Math.max(0, Math.ceil((rep.expiresAt - now) / 1000));
  const parts = [`public`, `max-age=${maxAge}`, `s-maxage=${maxAge}`];
  if (rep.staleWhileRevalidate > 0)
    parts.push(`stale-while-revalidate=${rep.staleWhileRevalidate}`);
  if (rep.staleIfError > 0) parts.push(`stale-if-error=${rep.staleIfError}`);
  return parts.join(', ');
}

function etagMatches(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  // If-None-Match uses the weak comparison: W/"x" matches "x".
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}

function notModified(rep: Representation, headers: Headers): boolean {
  if (rep.status !== 200) return false;
  const inm = headers.get('if-none-match');
  if (inm !== null) return etagMatches(inm, rep.etag);
  const ims = headers.get('if-modified-since');
  if (ims === null || rep.lastModified === null) return false;
  const since = Date.parse(ims);
  // HTTP dates have whole seconds; compare at that precision.
  return !Number.isNaN(since) && Math.floor(rep.lastModified.getTime() / 1000) * 1000 <= since;
}

/** Serves a representation to one request, answering 304 to a matching conditional GET. */
export function respond(rep: Representation, requestHeaders: Headers, now: number): Response {
  const headers = new Headers({
    'cache-control': cacheControl(rep, now),
    etag: rep.etag,
    vary: 'Accept-Encoding',
  });
  if (rep.lastModified) headers.set('last-modified', rep.lastModified.toUTCString());
  if (rep.tags.length > 0) headers.set('cache-tag', rep.tags.join(','));
  if (rep.location) headers.set('location', rep.location);
  if (notModified(rep, requestHeaders)) return new Response(null, { status: 304, headers });
  headers.set('content-type', rep.contentType);
  return new Response(rep.body, { status: rep.status, headers });
}
