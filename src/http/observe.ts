import type { Context, MiddlewareHandler } from 'hono';
import type { HeaderReader } from '../contract/conditional.ts';
import { addCorsHeaders } from '../contract/cors.ts';
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
 * A route's answer given before routing, or undefined to route as usual; the envelope adds the
 * request's id to its headers. A promise that rejects routes the request too (its route then
 * gives the error its own answer).
 */
export type EarlyAnswer = (request: QuickRequest) => MaybeAnswer;

/**
 * The answers isobar can give before routing, with the request's id, counted in the metrics:
 * undefined when the request must be routed. The Node entry asks this before it builds any
 * Request or Response object; the app's own middleware asks it too, for every other runtime.
 */
export type Quick = (request: QuickRequest) => MaybeAnswer;

export interface ObserveOptions {
  cache: MicroCache<Representation>;
  metrics: Metrics;
  now: () => number;
  /** Answers routes can give before routing, tried after the micro-cache. */
  early?: { route: string; answer: EarlyAnswer }[];
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
 * The envelope of every request: its id (one given by a proxy is kept), the answers given
 * before routing — the micro-cache's copy when there is a fresh one (made for a request with the
 * very same path and query, which its route validated then), then the routes' early answers —
 * and the metrics. Returns the quick path for the runtime and the middleware for the app.
 */
export function observe(options: ObserveOptions): {
  quick: Quick;
  middleware: MiddlewareHandler<AppEnv>;
} {
  const { cache, now } = options;
  const earlyAnswers = options.early ?? [];
  const count = createCounting(options.metrics);

  const quick: Quick = (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
    const started = performance.now();
    // The id is made only for a request answered here: one that is routed gets it there.
    const finish = (route: string, given: Answer) => {
      given.headers['x-request-id'] = requestIdOf(request.headers.get('x-request-id'));
      addCorsHeaders(route, request.target, given.headers);
      const sent =
        request.method === 'HEAD'
          ? { status: given.status, headers: given.headers, body: null }
          : given;
      count(request.method, route, sent.status, (performance.now() - started) / 1000);
      return sent;
    };
    const copy = cache.peek(request.target);
    if (copy) {
      copy.served?.();
      return finish(copy.route, answer(copy, request.headers, now(), ''));
    }
    for (const { route, answer: early } of earlyAnswers) {
      const given = early(request);
      if (!given) continue;
      if (!('then' in given)) return finish(route, given);
      return given.then(
        (later) => later && finish(route, later),
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
    // Whatever answered (a route, a problem, a 304) carries the id; never a shared body.
    if (!hasRequestId(c.res)) c.res.headers.set('x-request-id', id);
    count(c.req.method, c.get('route'), c.res.status, (performance.now() - started) / 1000);
  };
  return { quick, middleware };
}
