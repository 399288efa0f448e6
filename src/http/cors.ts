import type { MiddlewareHandler } from 'hono';
import { CORS_HEADERS, isCorsRoute, optionsAnswer } from '../contract/cors.ts';
import { matchRoute } from '../contract/uri-space.ts';
import type { AppEnv } from './context.ts';

/*
 * Not hono/cors: the rules are the contract's (src/contract/cors.ts), which the edge worker
 * applies too, so that origin and edge answer alike from one definition; this only applies them.
 */

/**
 * CORS and `OPTIONS` for routed requests (the quick path adds the same headers to its copies):
 * `OPTIONS` is answered here from the contract, as the edge answers it, and every answer of the
 * read API (200, 301, 304, problems) carries the constant CORS headers.
 */
export function cors(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') {
      const route = matchRoute(c.req.path);
      const answer = optionsAnswer(route, c.req.path);
      if (answer) {
        c.set('route', route!);
        return c.body(null, answer.status, answer.headers);
      }
    }
    await next();
    if (isCorsRoute(c.get('route'), c.req.path)) {
      for (const [name, value] of Object.entries(CORS_HEADERS)) c.res.headers.set(name, value);
    }
  };
}
