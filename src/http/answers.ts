import type { Context } from 'hono';
import { type Freshness, notFoundFreshness, redirectFreshness } from '../domain/freshness.ts';
import type { AppEnv, RouteDeps } from './context.ts';
import { PROBLEM_JSON, problemBody } from './problem.ts';
import { type Representation, representation, respond } from './representation.ts';

/** Serves the micro-cached representation of this request's URL (as the route parsed it), making it with `load` on a miss. */
export async function serveCached(
  c: Context<AppEnv>,
  deps: RouteDeps,
  url: URL,
  load: () => Promise<Representation>,
): Promise<Response> {
  const rep = await deps.cache.get(url.pathname + url.search, load);
  const res = respond(rep, c.req.raw.headers, deps.now());
  res.headers.set('x-request-id', c.get('requestId'));
  return res;
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

/** A briefly cacheable 404 problem for a thing that does not exist (yet). */
export function notFound(
  c: Context<AppEnv>,
  code: string,
  detail: string,
  now: number,
): Representation {
  const body = problemBody(
    { status: 404, code, title: 'Not Found', detail },
    new URL(c.req.url).pathname,
    c.get('requestId'),
  );
  return representation({
    status: 404,
    body,
    contentType: PROBLEM_JSON,
    freshness: notFoundFreshness,
    now,
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
