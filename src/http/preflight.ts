import type { MiddlewareHandler } from 'hono';
import { optionsAnswer } from '../contract/protocol/cors-rules.ts';
import { matchRoute } from '../contract/uris/uri-space.ts';
import type { AppEnv } from './context.ts';

/*
 * Not hono/cors: the rules are the contract's (src/contract/protocol/cors-rules.ts), which the edge worker
 * applies too, so that origin and edge answer alike from one definition; this only applies them.
 */

/**
 * `OPTIONS` for routed requests, answered from the contract as the edge answers it. The CORS
 * headers of every other answer are the envelope's (src/http/envelope.ts).
 */
export function preflight(): MiddlewareHandler<AppEnv> {
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
  };
}
