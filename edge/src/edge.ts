import { addCorsHeaders } from '../../src/contract/protocol/cors-rules.ts';
import { matchRoute } from '../../src/contract/uris/uri-space.ts';
import { type EdgeConfig, EdgeConfigError, type EdgeEnv, readEdgeConfig } from './env.ts';
import { createNearestLookup, firstVisit, type NearestLookup } from './first-visit.ts';
import type { Geo } from './geo.ts';
import { originPath } from './operator-paths.ts';
import {
  type OriginFetch,
  OriginTimeout,
  passThroughRequest,
  publicLocation,
  type StreamingInit,
  withTimeout,
} from './origin.ts';
import { edgeProblem, refusal } from './problem.ts';
import { route } from './routes.ts';

/** Everything the worker needs from its runtime; index.ts wires Cloudflare's, tests wire twins. */
export interface EdgeDeps {
  origin: OriginFetch;
  geo: Geo;
  log?: (message: string, error?: unknown) => void;
}

export interface Edge {
  fetch(request: Request, env: EdgeEnv): Promise<Response>;
}

/** Builds the worker's fetch handler: the first visit, operator refusals, and a pass-through. */
export function createEdge(deps: EdgeDeps): Edge {
  const log = deps.log ?? ((message: string, error?: unknown) => console.error(message, error));
  type Parsed = { values: unknown[]; config: EdgeConfig; nearest: NearestLookup };
  let parsed: Parsed | undefined;
  // Bindings are parsed once: a runtime may hand each request its own env object with the same
  // values, so they are compared by value.
  const configOf = (env: EdgeEnv): Parsed => {
    const values = BINDINGS.map((name) => env[name]);
    if (!parsed || values.some((v, i) => v !== parsed!.values[i])) {
      const config = readEdgeConfig(env);
      const nearest = createNearestLookup({
        origin: deps.origin,
        originUrl: config.originUrl,
        timeoutMs: config.originTimeoutMs,
        log,
      });
      parsed = { values, config, nearest };
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
      const response = new Response(answer.body, answer);
      publicLocation(response.headers, config.originUrl, new URL(request.url).origin);
      return response;
    } catch (error) {
      log(`origin failed for ${request.method} ${request.url}`, error);
      return originProblem(request, error instanceof OriginTimeout ? 'timeout' : 'unreachable');
    }
  }

  return {
    async fetch(request, env) {
      let config: EdgeConfig;
      let nearest: NearestLookup;
      try {
        ({ config, nearest } = configOf(env));
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
      switch (route(request)) {
        case 'refused':
          return refusal(request);
        case 'first-visit':
          return firstVisit(request, {
            geo: deps.geo,
            nearest,
            passThrough: (r) => passThrough(r, config),
          });
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
] as const satisfies readonly (keyof EdgeEnv)[];

/** A copy of a request that may carry a streamed body, with an abort signal. */
const streamed = (signal: AbortSignal): StreamingInit => ({ signal, duplex: 'half' });

function originProblem(request: Request, failed: 'timeout' | 'unreachable') {
  // A script on another site should read why the API failed, as it reads the origin's problems.
  const path = new URL(request.url).pathname;
  const headers: Record<string, string> = {};
  addCorsHeaders(matchRoute(originPath(path)), path, headers);
  return failed === 'timeout'
    ? edgeProblem(request, 'origin-timeout', 'The origin did not answer in time.', headers)
    : edgeProblem(request, 'origin-unreachable', 'The origin could not be reached.', headers);
}
