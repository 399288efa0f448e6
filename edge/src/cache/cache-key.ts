import { type Target, targetOf } from '../routes.ts';

/**
 * The cache key of a URL: its origin, path and query sorted by name then value. Nothing else
 * of the request (cookies, Accept, Authorization) takes part, so every visitor shares one copy.
 */
export function cacheKey(url: string | Target): string {
  const parsed = typeof url === 'string' ? targetOf(url) : url;
  if (!parsed.search) return `${parsed.origin}${parsed.pathname}`;
  const pairs = [...new URLSearchParams(parsed.search)].sort(
    ([an, av], [bn, bv]) => compare(an, bn) || compare(av, bv),
  );
  const query = new URLSearchParams(pairs).toString();
  return `${parsed.origin}${parsed.pathname}${query ? `?${query}` : ''}`;
}

/** The path and sorted query of a key, as sent to the origin. */
export function keyPath(key: string): string {
  const parsed = new URL(key);
  return `${parsed.pathname}${parsed.search}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
