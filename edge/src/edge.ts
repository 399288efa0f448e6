import { addCorsHeaders, optionsAnswer } from '../../src/contract/protocol/cors-rules.ts';
import { trackingRedirectHeaders, withoutTracking } from '../../src/contract/uris/tracking.ts';
import { matchRoute } from '../../src/contract/uris/uri-space.ts';
import type { CacheStore } from './cache/cache-store.ts';
import {
  type BackgroundWork,
  type CachedFetchDeps,
  type Fetched,
  lookup,
} from './cache/cached-fetch.ts';
import { createCoalescer } from './cache/coalesce.ts';
import { EDGE_STATUS_HEADER, entryResponse, withEdgeStatus } from './cache/respond.ts';
import { type EdgeConfig, EdgeConfigError, type EdgeEnv, readEdgeConfig } from './env.ts';
import { firstVisit } from './first-visit.ts';
import type { Geo } from './geo.ts';
import {
  type OriginFetch,
  OriginTimeout,
  passThroughRequest,
  publicLocation,
  type StreamingInit,
  withTimeout,
} from './origin.ts';
import { edgeProblem, requestIdOf } from './problem.ts';
import { handlePurge } from './purge/purge.ts';
import type { ReplayGuard } from './purge/replay-guard.ts';
import { createReadings } from './readings.ts';
import { originPath, type Target } from './routes.ts';

/** Everything the edge needs from its runtime; index.ts wires Cloudflare's, tests wire twins. */
export interface EdgeDeps {
  store: CacheStore;
  origin: OriginFetch;
  geo: Geo;
  replay: ReplayGuard;
  clock?: () => number;
  log?: (message: string, error?: unknown) => void;
}

export interface Edge {
  fetch(request: Request, env: EdgeEnv, ctx: BackgroundWork): Promise<Response>;
  /** Origin requests in flight in this isolate. */
  readonly inFlight: number;
}

/**
 * Builds the worker's fetch handler. State (coalescing, purge generation) lives as long as the
 * isolate.
 */
export function createEdge(deps: EdgeDeps): Edge {
  const clock = deps.clock ?? Date.now;
  const log = deps.log ?? ((message: string, error?: unknown) => console.error(message, error));
  const coalescer = createCoalescer<Fetched>();
  const readings = createReadings();
  let generation = 0;
  /** What the cached lookups of one configuration need; made with the configuration. */
  const cachedFetchDeps = (config: EdgeConfig): CachedFetchDeps => ({
    store: deps.store,
    origin: deps.origin,
    coalescer,
    clock,
    generation: () => generation,
    originUrl: config.originUrl,
    timeoutMs: config.originTimeoutMs,
    log,
  });
  type Parsed = { env: EdgeEnv; values: unknown[]; config: EdgeConfig; cached: CachedFetchDeps };
  let parsed: Parsed | undefined;
  // Bindings are parsed once: a runtime may hand each request its own env object with the same
  // values, so they are compared by value (with the values they had when parsed).
  const configOf = (env: EdgeEnv): Parsed => {
    if (parsed?.env !== env) {
      const values = bindingValues(env);
      if (parsed && values.every((v, i) => v === parsed!.values[i])) parsed = { ...parsed, env };
      else {
        const config = readEdgeConfig(env);
        parsed = { env, values, config, cached: cachedFetchDeps(config) };
      }
    }
    return parsed;
  };

  async function passThrough(request: Request, config: EdgeConfig): Promise<Response> {
    const reads = request.method === 'GET' || request.method === 'HEAD';
    const timeoutMs = reads ? config.originTimeoutMs : config.originWriteTimeoutMs;
    try {
      // Time to the origin's answer (its headers); the body then streams to the visitor.
      const answer = await withTimeout(timeoutMs, (signal) =>
        deps.origin(new Request(passThroughRequest(request, config.originUrl), streamed(signal))),
      );
      const response = withEdgeStatus(answer, 'bypass');
      publicLocation(response.headers, config.originUrl, new URL(request.url).origin);
      return response;
    } catch (error) {
      log(`origin failed for ${request.method} ${request.url}`, error);
      return originProblem(
        request,
        error instanceof OriginTimeout ? 'timeout' : 'unreachable',
        'bypass',
      );
    }
  }

  return {
    get inFlight() {
      return coalescer.size;
    },
    async fetch(request, env, ctx) {
      let config: EdgeConfig;
      let cached: CachedFetchDeps;
      try {
        ({ config, cached } = configOf(env));
      } catch (error) {
        log('the edge is misconfigured', error);
        // The setting's name helps whoever deployed it; its value stays in the log.
        const detail =
          error instanceof EdgeConfigError && !env[error.setting]?.trim()
            ? `The edge worker is misconfigured: ${error.setting} is not set.`
            : error instanceof EdgeConfigError
              ? `The edge worker is misconfigured: ${error.setting} is not valid; its log says why.`
              : 'The edge worker is misconfigured; its log names the setting.';
        return edgeProblem(request, 'edge-misconfigured', detail);
      }
      // Read once: in workerd each read of a request's property crosses into the runtime.
      const read = readings.of({ method: request.method, url: request.url });
      const url = read.url;
      switch (read.route) {
        case 'tracking': {
          const query = withoutTracking(url.search.slice(1)) ?? '';
          const headers = trackingRedirectHeaders(url.pathname, query);
          headers['x-request-id'] = requestIdOf(request.headers);
          addCorsHeaders(routeOf(url), url.pathname, headers);
          return new Response(null, { status: 301, headers });
        }
        case 'options': {
          // Constant answers: no origin trip for a browser's preflight.
          const answer = optionsAnswer(routeOf(url), url.pathname);
          if (!answer) return passThrough(request, config);
          answer.headers['x-request-id'] = requestIdOf(request.headers);
          return new Response(null, answer);
        }
        case 'cached': {
          const found = await lookup(read.key!, ctx, cached);
          if (!('entry' in found)) return originProblem(request, found.failed, 'miss');
          const headers = request.headers;
          // One stored copy serves many visitors; each answer gets an id of its own.
          const answered = { method: read.method, headers };
          return entryResponse(answered, found.entry, found.status, clock(), requestIdOf(headers));
        }
        case 'first-visit':
          return firstVisit(request, {
            geo: deps.geo,
            lookup: (key) => lookup(key, ctx, cached),
            passThrough: (r) => passThrough(r, config),
          });
        case 'purge':
          return handlePurge(request, {
            store: deps.store,
            replay: deps.replay,
            clock,
            secret: config.purgeSecret,
            onPurge: () => void generation++,
          });
        case 'purge-method': {
          const detail = 'The purge endpoint takes POST only.';
          return edgeProblem(request, 'method-not-allowed', detail, { allow: 'POST' });
        }
        case 'refused': {
          const detail = 'This path is not served through the edge.';
          return edgeProblem(request, 'not-found', detail, { [EDGE_STATUS_HEADER]: 'bypass' });
        }
        case 'pass':
          return passThrough(request, config);
      }
    },
  };
}

const BINDINGS = [
  'ORIGIN_URL',
  'ORIGIN_TIMEOUT_MS',
  'ORIGIN_WRITE_TIMEOUT_MS',
  'PURGE_SECRET',
] as const satisfies readonly (keyof EdgeEnv)[];
const bindingValues = (env: EdgeEnv) => BINDINGS.map((name) => env[name]);

/** A copy of a request that may carry a streamed body, with an abort signal. */
const streamed = (signal: AbortSignal): StreamingInit => ({ signal, duplex: 'half' });

/** The route a URL's path belongs to, as the origin will route it. */
const routeOf = (url: Target) => matchRoute(originPath(url.pathname));

function originProblem(request: Request, failed: 'timeout' | 'unreachable', edge: string) {
  // A script on another site should read why the API failed, as it reads the origin's problems.
  const url = new URL(request.url);
  const headers: Record<string, string> = { [EDGE_STATUS_HEADER]: edge };
  addCorsHeaders(routeOf(url), url.pathname, headers);
  return failed === 'timeout'
    ? edgeProblem(request, 'origin-timeout', 'The origin did not answer in time.', headers)
    : edgeProblem(request, 'origin-unreachable', 'The origin could not be reached.', headers);
}
