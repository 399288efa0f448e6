import type { Context } from 'hono';
import { type Freshness, notFoundFreshness, redirectFreshness } from '../contract/freshness.ts';
import { PROBLEM_JSON, type ProblemCode, problemDocument } from '../contract/problem.ts';
import type { AppEnv, RouteDeps } from './context.ts';
import { type Representation, representation, respond } from './representation.ts';

/**
 * Serves the micro-cached representation of this request's URL (as the route parsed it), making
 * it with `load` on a miss. The body is shared: per-request fields go in headers only.
 */
export async function serveCached(
  c: Context<AppEnv>,
  deps: RouteDeps,
  url: URL,
  load: () => Promise<Representation>,
): Promise<Response> {
  const rep = await deps.cache.get(url.pathname + url.search, load);
  return respond(rep, c.req.raw.headers, deps.now());
}

/** A cacheable 301 to the canonical URI (slugs and rounded coordinates never change meaning). */
export function movedTo(location: string, now: number, tags: string[] = []): Representation {
  return representation({
    status: 301,
    body: '',
    contentType: 'text/plain; charset=utf-8',
    location,
    freshness: redirectFreshness,
    now,
    tags,
  });
}

/** A briefly cacheable 404 problem for a thing that does not exist (yet): no request id in it. */
export function notFound(
  url: URL,
  code: Extract<ProblemCode, 'unknown-place' | 'empty-catalog' | 'no-data'>,
  detail: string,
  now: number,
  tags: string[] = [],
): Representation {
  const body = JSON.stringify(problemDocument({ code, detail, instance: url.pathname }));
  return representation({
    status: 404,
    body,
    contentType: PROBLEM_JSON,
    freshness: notFoundFreshness,
    now,
    tags,
  });
}

/** A cacheable JSON document. */
export function jsonDocument(
  value: unknown,
  freshness: Freshness,
  now: number,
  tags: string[] = [],
): Representation {
  return representation({
    status: 200,
    body: JSON.stringify(value),
    contentType: 'application/json; charset=utf-8',
    freshness,
    now,
    tags,
  });
}
