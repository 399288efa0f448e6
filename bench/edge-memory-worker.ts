// The edge worker on its in-memory store twin instead of the Cache API, for bench/edge-hit.ts:
// it separates the cost of the edge's own logic from the cost of the cache behind it.
import type { BackgroundWork } from '../edge/src/cache/cached-fetch.ts';
import { createMemoryCacheStore } from '../edge/src/cache/memory-cache-store.ts';
import { createEdge } from '../edge/src/edge.ts';
import type { EdgeEnv } from '../edge/src/env.ts';
import { cfGeo } from '../edge/src/geo.ts';
import { createMemoryReplayGuard } from '../edge/src/purge/replay-guard.ts';

const edge = createEdge({
  store: createMemoryCacheStore(),
  origin: (request) => fetch(request),
  geo: cfGeo,
  replay: createMemoryReplayGuard(),
});

export default {
  fetch: (request: Request, env: EdgeEnv, ctx: BackgroundWork) => edge.fetch(request, env, ctx),
};
