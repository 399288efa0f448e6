import type { Context, MiddlewareHandler } from 'hono';
import type { HeaderReader } from '../contract/protocol/conditional.ts';
import { CORS_HEADERS, isCorsRoute } from '../contract/protocol/cors-rules.ts';
import type { SecurityHeaders } from '../contract/protocol/security-headers.ts';
import type { Metrics } from '../metrics/metrics.ts';
import { cacheKeyOf } from './answers.ts';
import type { MicroCache } from './cache/micro-cache.ts';
import type { AppEnv } from './context.ts';
import { type Answer, answer, type Representation, toResponse } from './representation.ts';
import { hasRequestId, newRequestId } from './request-id.ts';

/** What an answer given before routing needs to know of a request, whatever the runtime. */
export interface QuickRequest {
  method: string;
  /** The path and query exactly as sent. */
  target: string;
  headers: HeaderReader;
}

/** An answer now, one to wait for (undefined then: route the request after all), or none. */
export type MaybeAnswer = Answer | Promise<Answer | undefined> | undefined;

/**
 * A route's own answer given before routing, made by the very functions the route answers with
 * (so with the same bytes and headers), or undefined to route the request. A promise that
 * rejects routes the request too: its route then gives the error its own answer.
 */
export type Replay = (request: QuickRequest) => MaybeAnswer;

/**
 * The answers isobar gives before routing, sealed like routed ones: undefined when the request
 * must be routed. The Node entry asks this before it builds any Request or Response object; the
 * app's own middleware asks it too, for every other runtime.
 */
export type Quick = (request: QuickRequest) => MaybeAnswer;

export interface EnvelopeOptions {
  cache: MicroCache<Representation>;
  metrics: Metrics;
  now: () => number;
  /** What a browser may do with each answer (src/contract/protocol/security-headers.ts). */
  security: SecurityHeaders;
  /** Routes' answers replayed before routing, tried after the micro-cache. */
  replays?: { route: string; replay: Replay }[];
}

/** Methods kept as metric labels; anything else is counted as `other`, so labels stay bounded. */
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']);
/** An id a client or proxy sent that is safe to repeat in logs and headers. */
const GIVEN_ID = /^[\w.:=-]{1,128}$/;

const requestIdOf = (given: string | null | undefined) =>
  given && GIVEN_ID.test(given) ? given : newRequestId();

/**
 * Counts a request in the metrics; each series is looked up once, not hashed per request. Found
 * by route, status and method in turn, not by a key string made per request: the route and
 * method are the same few strings every time (their hashes kept), the status a small number.
 */
function createCounting(metrics: Metrics) {
  type Counter = { inc(): void };
  const routes = new Map<
    string,
    { timer: { observe(seconds: number): void }; byStatus: Map<number, Map<string, Counter>> }
  >();
  return (method: string, route: string, status: number, seconds: number) => {
    let series = routes.get(route);
    if (!series) {
      series = { timer: metrics.httpDuration.labels({ route }), byStatus: new Map() };
      routes.set(route, series);
    }
    let byMethod = series.byStatus.get(status);
    if (!byMethod) {
      byMethod = new Map();
      series.byStatus.set(status, byMethod);
    }
    const label = METHODS.has(method) ? method : 'other';
    let counter = byMethod.get(label);
    if (!counter) {
      counter = metrics.httpRequests.labels({ method: label, route, status: String(status) });
      byMethod.set(label, counter);
    }
    counter.inc();
    series.timer.observe(seconds);
  };
}

/**
 * Where the envelope writes an answer's headers: an answer's plain record, or a routed Response
 * (whose Headers object is made only when something is written to it).
 */
type HeaderTarget = Record<string, string> | Response;

const put = (target: HeaderTarget, name: string, value: string) => {
  if (target instanceof Response) target.headers.set(name, value);
  else target[name] = value;
};

const contentTypeOf = (target: HeaderTarget) =>
  target instanceof Response ? target.headers.get('content-type') : target['content-type'];

/**
 * The request envelope: everything every answer gets, in one place for the answers given
 * before routing and the routed ones — its request id (one a proxy sent is kept), the CORS
 * headers its route calls for (src/contract/protocol/cors-rules.ts), the security headers its
 * route and kind call for (src/contract/protocol/security-headers.ts) and its count and time in
 * the metrics. Conditional GET and the codings are the representation's (`answer`), on both
 * paths; a HEAD answer's body is dropped here before routing, and by Hono once routed.
 */
export function envelope(options: EnvelopeOptions): {
  quick: Quick;
  middleware: MiddlewareHandler<AppEnv>;
} {
  const { cache, now } = options;
  const replays = options.replays ?? [];
  const count = createCounting(options.metrics);

  /**
   * Seals one answer to `request`, from whichever path: `id` is the request's id to add, or null
   * where the answer was made with it (see request-id); `started` is from performance.now().
   */
  const seal = (
    request: { method: string; target: string },
    route: string,
    status: number,
    started: number,
    id: string | null,
    headers: HeaderTarget,
  ) => {
    if (id !== null) put(headers, 'x-request-id', id);
    if (isCorsRoute(route, request.target)) {
      for (const name in CORS_HEADERS) put(headers, name, CORS_HEADERS[name]!);
    }
    const secure = options.security(route, status, contentTypeOf(headers));
    // Object.assign on a plain record, as answer() builds it: copies the table in one step.
    if (headers instanceof Response) for (const name in secure) put(headers, name, secure[name]!);
    else Object.assign(headers, secure);
    count(request.method, route, status, (performance.now() - started) / 1000);
  };

  const sealQuick = (request: QuickRequest, route: string, given: Answer, started: number) => {
    const id = requestIdOf(request.headers.get('x-request-id'));
    seal(request, route, given.status, started, id, given.headers);
    return request.method === 'HEAD' ? { ...given, body: null } : given;
  };

  const quick: Quick = (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
    const started = performance.now();
    const copy = cache.peek(request.target);
    if (copy) {
      copy.served?.();
      return sealQuick(request, copy.route, answer(copy, request.headers, now(), ''), started);
    }
    for (const { route, replay } of replays) {
      const given = replay(request);
      if (!given) continue;
      if (!('then' in given)) return sealQuick(request, route, given, started);
      return given.then(
        (later) => later && sealQuick(request, route, later, started),
        () => undefined,
      );
    }
    return undefined;
  };

  const middleware: MiddlewareHandler<AppEnv> = async (c: Context<AppEnv>, next) => {
    // Asked here only where the runtime has not asked already (the Node entry does, first).
    if (!c.env?.quickTried) {
      // Hono hands HEAD to GET routes and drops the body itself.
      const headers = { get: (name: string) => c.req.header(name) };
      const fast = await quick({ method: c.req.method, target: cacheKeyOf(c.req.url), headers });
      if (fast) return toResponse(fast);
    }
    const started = performance.now();
    const id = requestIdOf(c.req.header('x-request-id'));
    c.set('requestId', id);
    c.set('route', 'other');
    await next();
    const request = { method: c.req.method, target: cacheKeyOf(c.req.url) };
    // An answer made with its id among its plain headers is not opened again.
    const stamped = hasRequestId(c.res);
    seal(request, c.get('route'), c.res.status, started, stamped ? null : id, c.res);
  };
  return { quick, middleware };
}
