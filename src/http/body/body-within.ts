import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.ts';
import { bodyText } from './body-text.ts';

/**
 * Middleware: reads the request body whole before the route does, refusing it with a 413 past
 * `maxBytes`; a refused body is read to its end and dropped (bodyText), so the answer reaches a
 * client still sending. Hono's bodyLimit stops reading instead, and such a client was reset.
 */
export function bodyWithin(maxBytes: number): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    let text = '';
    for await (const part of bodyText(c.req.raw, maxBytes)) text += part;
    c.req.raw = new Request(c.req.raw, { body: text });
    await next();
  };
}
