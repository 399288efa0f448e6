import { keepSeconds, storableFreshness } from '../../../src/contract/protocol/freshness.ts';
import {
  cacheableRequest,
  type OriginFetch,
  OriginTimeout,
  publicLocation,
  withTimeout,
} from '../origin.ts';
import { bufferResponse, type CacheStore, type StoredEntry } from './cache-store.ts';
import type { Coalescer } from './coalesce.ts';
import { entryState, mayServeOnError } from './freshness.ts';

/** What the edge did for a response; sent to the client as X-Isobar-Edge. */
export type EdgeStatus = 'hit' | 'miss' | 'stale' | 'revalidated' | 'bypass';

/**
 * The part of the Workers ExecutionContext the edge uses; declared here so the logic runs on any
 * runtime.
 */
export interface BackgroundWork {
  waitUntil(promise: Promise<unknown>): void;
}

/** An answer from the origin, shared by every request that waited on it. */
export interface Fetched {
  entry: StoredEntry;
  status: 'miss' | 'revalidated';
}

/** A cached lookup either has a representation to send, or found the origin unreachable. */
export type Lookup =
  | { entry: StoredEntry; status: EdgeStatus }
  | { failed: 'timeout' | 'unreachable' };

export interface CachedFetchDeps {
  store: CacheStore;
  origin: OriginFetch;
  coalescer: Coalescer<Fetched>;
  clock: () => number;
  /**
   * Moves on every purge, so an answer fetched before a purge is neither shared nor stored after
   * it.
   */
  generation: () => number;
  originUrl: URL;
  timeoutMs: number;
  log: (message: string, error?: unknown) => void;
}

/**
 * A stored copy's freshness, judged once per copy: a store that hands out the same entry (the
 * memory store) then costs no header reads on a hit. Headers of a stored entry never change.
 */
const judgedEntries = new WeakMap<Headers, { freshness: ReturnType<typeof storableFreshness> }>();
function entryFreshness(entry: StoredEntry) {
  let judged = judgedEntries.get(entry.headers);
  if (!judged) {
    judged = { freshness: storableFreshness(entry.status, entry.headers) };
    judgedEntries.set(entry.headers, judged);
  }
  return judged.freshness;
}

/** Serves the representation stored under `key`: fresh, stale within its windows, or fetched. */
export async function lookup(
  key: string,
  ctx: BackgroundWork,
  deps: CachedFetchDeps,
): Promise<Lookup> {
  let cached: StoredEntry | undefined;
  try {
    cached = await deps.store.get(key);
  } catch (error) {
    deps.log(`cache read failed for ${key}`, error);
  }
  const freshness = cached && entryFreshness(cached);
  if (cached && freshness) {
    const state = entryState(freshness, cached.storedAt, deps.clock());
    if (state === 'fresh') return { entry: cached, status: 'hit' };
    if (state === 'stale-while-revalidate') {
      // The refresh outlives this response; a failure just leaves the stale copy in place.
      ctx.waitUntil(
        refresh(key, cached, ctx, deps).catch((error) =>
          deps.log(`refresh failed for ${key}`, error),
        ),
      );
      return { entry: cached, status: 'stale' };
    }
  }
  const usableOnError = () =>
    !!(cached && freshness && mayServeOnError(freshness, cached.storedAt, deps.clock()));
  try {
    const fetched = await refresh(key, cached, ctx, deps);
    if (fetched.entry.status >= 500 && usableOnError()) return { entry: cached!, status: 'stale' };
    return fetched;
  } catch (error) {
    if (usableOnError()) return { entry: cached!, status: 'stale' };
    deps.log(`origin failed for ${key}`, error);
    return { failed: error instanceof OriginTimeout ? 'timeout' : 'unreachable' };
  }
}

/**
 * Asks the origin once per key and generation, however many requests are waiting, and stores the
 * answer.
 */
function refresh(
  key: string,
  cached: StoredEntry | undefined,
  ctx: BackgroundWork,
  deps: CachedFetchDeps,
) {
  const generation = deps.generation();
  const task = deps.coalescer.run(`${generation} ${key}`, async (): Promise<Fetched> => {
    const { fetched, freshness } = await withTimeout(deps.timeoutMs, async (signal) => {
      const request = new Request(cacheableRequest(key, deps.originUrl, cached?.headers), {
        signal,
      });
      const response = await deps.origin(request);
      // Judged on the origin's own headers: buffering drops Set-Cookie, which must forbid storing.
      const freshness = storableFreshness(response.status, response.headers);
      if (response.status === 304 && cached) {
        await response.body?.cancel();
        const entry = confirmed(cached, response.headers, deps.clock());
        const stillStorable = response.headers.has('set-cookie')
          ? undefined
          : storableFreshness(entry.status, entry.headers);
        return { fetched: { entry, status: 'revalidated' as const }, freshness: stillStorable };
      }
      const entry = await bufferResponse(response, deps.clock());
      publicLocation(entry.headers, deps.originUrl, new URL(key).origin);
      return { fetched: { entry, status: 'miss' as const }, freshness };
    });
    if (freshness && deps.generation() === generation) {
      const remaining = keepSeconds(freshness) - (deps.clock() - fetched.entry.storedAt) / 1000;
      // Awaited so the key stays coalesced until the copy is readable; a failed write only costs a
      // later miss.
      if (remaining > 0) {
        await deps.store
          .put(key, fetched.entry, remaining)
          .catch((e: unknown) => deps.log(`cache write failed for ${key}`, e));
      }
    }
    return fetched;
  });
  // If the first visitor goes away, the waiters still get their answer.
  ctx.waitUntil(
    task.then(
      () => undefined,
      () => undefined,
    ),
  );
  return task;
}

/** Headers a 304 may not change on the stored copy (RFC 9111 §3.2). */
const KEPT_ON_304 = new Set([
  'content-length',
  'content-encoding',
  'transfer-encoding',
  'content-type',
  'set-cookie',
  'age',
]);

/** The stored copy confirmed by a 304: same body, headers updated from the 304, fresh from now. */
function confirmed(cached: StoredEntry, update: Headers, now: number): StoredEntry {
  const headers = new Headers(cached.headers);
  for (const [name, value] of update) if (!KEPT_ON_304.has(name)) headers.set(name, value);
  return { status: cached.status, headers, body: cached.body, storedAt: now };
}
