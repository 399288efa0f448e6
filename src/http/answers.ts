import type { Context } from 'hono';
import { CATALOG_TAG } from '../contract/protocol/cache-tags.ts';
import {
  type Freshness,
  notFoundFreshness,
  redirectFreshness,
} from '../contract/protocol/freshness.ts';
import { type ProblemCode, problemDocument } from '../contract/protocol/problem.ts';
import { HTML, problemForm } from '../contract/protocol/problem-page.ts';
import { machineProblem } from '../contract/protocol/problem-text.ts';
import type { AppEnv, RouteDeps } from './context.ts';
import { problemHtml } from './pages/problem-html.ts';
import { type Representation, representation, respond } from './representation.ts';

/**
 * The micro-cache key of a request: its path and query exactly as sent. Any two requests with
 * one key pass the same validation, so a copy made for one may be served to the other unchecked.
 */
export function cacheKeyOf(rawUrl: string): string {
  const path = rawUrl.indexOf('/', rawUrl.indexOf('//') + 2);
  return path < 0 ? '/' : rawUrl.slice(path);
}

/**
 * Serves the micro-cached representation of this request (the route has validated it), making
 * it with `load` on a miss. The body is shared: per-request fields go in headers only.
 */
export async function serveCached(
  c: Context<AppEnv>,
  deps: RouteDeps,
  load: () => Promise<Representation>,
): Promise<Response> {
  const rep = await deps.cache.get(cacheKeyOf(c.req.url), async () => {
    const made = await load();
    made.route = c.get('route');
    return made;
  });
  return respond(rep, c.req.raw.headers, deps.now(), c.get('requestId'));
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

/**
 * A briefly cacheable 404 for a thing that does not exist (yet), with no request id in it: a
 * page at HTML URIs, text at `.txt`, the problem document elsewhere (chosen by the path, so no
 * Vary).
 */
export async function notFound(
  url: URL,
  code: Extract<ProblemCode, 'unknown-place' | 'empty-catalog' | 'no-data'>,
  detail: string,
  now: number,
  // The catalog decides that nothing is there: a catalog load may change that.
  tags: string[] = [CATALOG_TAG],
): Promise<Representation> {
  const doc = problemDocument({ code, detail, instance: url.pathname });
  const form = problemForm(url.pathname);
  const { contentType, body } =
    form === 'html'
      ? { contentType: HTML, body: await problemHtml(doc) }
      : machineProblem(form, doc);
  return representation({
    status: 404,
    body,
    contentType,
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
