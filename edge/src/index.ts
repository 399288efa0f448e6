import { createCacheApiStore } from './cache/cache-api-store.ts';
import { createEdge } from './edge.ts';
import type { EdgeEnv } from './env.ts';
import { cfGeo } from './geo.ts';
import { createMemoryReplayGuard } from './purge/replay-guard.ts';

/**
 * Cloudflare's runtime wired into the edge: the data centre's Cache API, global fetch to the
 * origin, `request.cf`. Module scope so coalescing and replay memory span the isolate's requests.
 */
const edge = createEdge({
  store: createCacheApiStore(() => caches.default),
  // Looked up at call time so a test's or a polyfill's fetch applies.
  origin: (request) => fetch(request),
  geo: cfGeo,
  replay: createMemoryReplayGuard(),
});

export default {
  fetch: (request, env, ctx) => edge.fetch(request, env, ctx),
} satisfies ExportedHandler<EdgeEnv>;
