import { createEdge } from './edge.ts';
import type { EdgeEnv } from './env.ts';
import { cfGeo } from './geo.ts';

/** Cloudflare's runtime wired into the edge: the runtime's fetch to ORIGIN_URL, `request.cf`. */
const edge = createEdge({
  // Looked up at call time so a test's or a polyfill's fetch applies.
  origin: (request) => fetch(request),
  geo: cfGeo,
});

export default {
  fetch: (request, env) => edge.fetch(request, env),
} satisfies ExportedHandler<EdgeEnv>;
