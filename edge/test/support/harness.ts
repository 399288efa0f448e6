import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { createCacheApiStore } from '../../src/cache/cache-api-store.ts';
import type { CacheStore } from '../../src/cache/cache-store.ts';
import { createEdge, type Edge } from '../../src/edge.ts';
import type { EdgeEnv } from '../../src/env.ts';
import { fixedGeo, type Geo } from '../../src/geo.ts';
import { createMemoryReplayGuard } from '../../src/purge/replay-guard.ts';
import { createFakeOrigin, type FakeOrigin } from './fake-origin.ts';

export const PURGE_SECRET = 'test-purge-secret';
export const PUBLIC_ORIGIN = 'https://isobar.test';

export interface Harness {
  edge: Edge;
  origin: FakeOrigin;
  env: EdgeEnv;
  /** What the edge logged, in order. */
  logs: string[];
  /** Moves the edge clock (not the Cache API's own, which only matters for its TTL). */
  advance(seconds: number): void;
  now(): number;
  /** One request through the edge; `settled` resolves once its waitUntil work is done. */
  send(
    path: string,
    init?: RequestInit<IncomingRequestCfProperties>,
  ): Promise<Response> & { settled: Promise<void> };
  get(path: string, init?: RequestInit<IncomingRequestCfProperties>): Promise<Response>;
}

/**
 * The edge with the real Cache API (a cache of its own per harness, so tests cannot see each
 * other's entries), a fake origin and a hand-moved clock.
 */
export async function createHarness(
  options: {
    geo?: Geo;
    timeoutMs?: number;
    /** Wraps the Cache API store, e.g. to make it fail. */
    store?: (store: CacheStore) => CacheStore;
  } = {},
): Promise<Harness> {
  let now = Date.parse('2026-06-01T12:00:00Z');
  const cache = await caches.open(`edge-test-${crypto.randomUUID()}`);
  const origin = createFakeOrigin();
  const clock = () => now;
  const logs: string[] = [];
  const store = createCacheApiStore(() => cache);
  const edge = createEdge({
    store: options.store ? options.store(store) : store,
    origin: origin.fetch,
    geo: options.geo ?? fixedGeo(undefined),
    replay: createMemoryReplayGuard({ clock }),
    clock,
    log: (message) => void logs.push(message),
  });
  const env: EdgeEnv = {
    ORIGIN_URL: 'http://origin.test',
    ORIGIN_TIMEOUT_MS: String(options.timeoutMs ?? 200),
    PURGE_SECRET,
  };
  const send: Harness['send'] = (path, init) => {
    const ctx = createExecutionContext();
    const response = edge.fetch(new Request(`${PUBLIC_ORIGIN}${path}`, init), env, ctx);
    return Object.assign(response, { settled: response.then(() => waitOnExecutionContext(ctx)) });
  };
  return {
    edge,
    origin,
    env,
    logs,
    advance: (seconds) => {
      now += seconds * 1000;
    },
    now: clock,
    send,
    get: (path, init) => send(path, init),
  };
}
