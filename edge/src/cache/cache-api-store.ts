import type { CacheStore, StoredEntry } from './cache-store.ts';

const STORED_AT = 'x-isobar-stored-at';
const ORIGIN_CACHE_CONTROL = 'x-isobar-cache-control';
/** Added by the Cache API on the way out; not part of the representation. */
const ADDED_ON_MATCH = ['cf-cache-status', 'age'];

/**
 * The Cache API store. The Cache API drops a response when its own Cache-Control runs out, so
 * the stored copy carries a TTL covering the stale windows, and the origin's header rides along
 * in x-isobar-cache-control to be restored on the way out.
 */
export function createCacheApiStore(open: () => Cache | Promise<Cache>): CacheStore {
  return {
    async get(key) {
      const cache = await open();
      const response = await cache.match(new Request(key));
      if (!response) return undefined;
      const storedAt = Number(response.headers.get(STORED_AT));
      if (!Number.isFinite(storedAt) || storedAt <= 0) return undefined;
      const headers = new Headers(response.headers);
      const originCacheControl = headers.get(ORIGIN_CACHE_CONTROL);
      headers.delete(STORED_AT);
      headers.delete(ORIGIN_CACHE_CONTROL);
      for (const name of ADDED_ON_MATCH) headers.delete(name);
      if (originCacheControl) headers.set('cache-control', originCacheControl);
      else headers.delete('cache-control');
      return { status: response.status, headers, body: await response.arrayBuffer(), storedAt };
    },
    async put(key, entry: StoredEntry, keepSeconds) {
      const cache = await open();
      const headers = new Headers(entry.headers);
      headers.set(ORIGIN_CACHE_CONTROL, entry.headers.get('cache-control') ?? '');
      headers.set(STORED_AT, String(entry.storedAt));
      const ttl = Math.max(1, Math.ceil(keepSeconds));
      headers.set('cache-control', `public, max-age=${ttl}, s-maxage=${ttl}`);
      await cache.put(
        new Request(key),
        new Response(entry.body, { status: entry.status, headers }),
      );
    },
    async delete(key) {
      const cache = await open();
      return cache.delete(new Request(key));
    },
  };
}
