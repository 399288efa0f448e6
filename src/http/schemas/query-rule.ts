import type { MiddlewareHandler } from 'hono';
import { Invalid } from '../../contract/protocol/request-errors.ts';
import { trackingRedirect } from '../../contract/uris/tracking.ts';
import type { RouteName } from '../../contract/uris/uri-space.ts';

/**
 * The one rule every route applies to its query, before its schema sees it: only documented
 * parameters, each at most once, each valid percent-encoded UTF-8. Random query strings must
 * not mint new cache entries, and a value a router would pass on half-decoded is refused here.
 * Tracking parameters (`utm_*`, `fbclid`…) come off first, by a cacheable 301 (the edge answers
 * the same one), so shared links work; what is left is judged after the redirect.
 */
export function documentedQueryOnly(
  allowed: readonly string[],
  route: RouteName,
): MiddlewareHandler {
  const accepts =
    allowed.length > 0 ? `this URI accepts only: ${allowed.join(', ')}` : 'this URI accepts none';
  return async (c, next) => {
    const url = new URL(c.req.url);
    const moved = trackingRedirect(c.req.method, route, url);
    if (moved) return c.body(null, 301, moved);
    const search = url.search.slice(1);
    const seen = new Set<string>();
    for (const pair of search === '' ? [] : search.split('&')) {
      const eq = pair.indexOf('=');
      const name = decoded(eq < 0 ? pair : pair.slice(0, eq), 'a query parameter name');
      const shown = name.slice(0, 50);
      if (!allowed.includes(name)) {
        throw new Invalid(`unknown query parameter "${shown}"; ${accepts}`, { parameter: shown });
      }
      if (seen.has(name)) {
        throw new Invalid(`query parameter "${name}" is given more than once`, { parameter: name });
      }
      seen.add(name);
      decoded(eq < 0 ? '' : pair.slice(eq + 1), `query parameter "${name}"`);
    }
    await next();
  };
}

function decoded(raw: string, what: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    throw new Invalid(`${what} is not valid percent-encoded UTF-8`);
  }
}
