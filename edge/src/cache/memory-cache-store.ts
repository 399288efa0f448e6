import type { CacheStore, StoredEntry } from './cache-store.ts';

/** The in-memory twin of the Cache API store: same contract, one Map, expiry by the given clock. */
export function createMemoryCacheStore(
  clock: () => number = Date.now,
): CacheStore & { readonly size: number } {
  const entries = new Map<string, { entry: StoredEntry; expiresAt: number }>();
  return {
    get size() {
      return entries.size;
    },
    async get(key) {
      const held = entries.get(key);
      if (!held) return undefined;
      if (held.expiresAt <= clock()) {
        entries.delete(key);
        return undefined;
      }
      // Shared, not copied: readers (entryResponse, a 304's confirmation) copy what they change.
      return held.entry;
    },
    async put(key, entry, keepSeconds) {
      entries.set(key, {
        entry: { ...entry, headers: new Headers(entry.headers) },
        expiresAt: clock() + keepSeconds * 1000,
      });
    },
    async delete(key) {
      return entries.delete(key);
    },
  };
}
