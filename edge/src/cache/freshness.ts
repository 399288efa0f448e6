/**
 * What the origin's Cache-Control grants a shared cache. The Cache API only knows "stored until
 * its TTL"; the stale windows of RFC 5861 are computed here from these figures.
 */
export interface Freshness {
  /** Seconds a stored copy is fresh: s-maxage, else max-age. */
  lifetime: number;
  staleWhileRevalidate: number;
  staleIfError: number;
}

/** Where a stored copy stands at a moment. */
export type EntryState = 'fresh' | 'stale-while-revalidate' | 'expired';

/** Statuses the edge stores; anything else (400, 5xx, 302…) goes through untouched. */
const STORABLE_STATUSES = new Set([200, 301, 404]);

/** Directive names in lower case; a directive without a value maps to true. */
export function parseCacheControl(value: string | null): Map<string, string | true> {
  const directives = new Map<string, string | true>();
  for (const part of (value ?? '').split(',')) {
    const [rawName, ...rest] = part.split('=');
    const name = rawName?.trim().toLowerCase();
    if (!name || directives.has(name)) continue;
    directives.set(
      name,
      rest.length
        ? rest
            .join('=')
            .trim()
            .replace(/^"(.*)"$/, '$1')
        : true,
    );
  }
  return directives;
}

function seconds(value: string | true | undefined): number | undefined {
  if (typeof value !== 'string' || !/^\d+$/.test(value)) return undefined;
  return Number(value);
}

/** The freshness an origin response grants the edge, or undefined when the edge must not store it. */
export function storableFreshness(status: number, headers: Headers): Freshness | undefined {
  if (!STORABLE_STATUSES.has(status) || headers.has('set-cookie')) return undefined;
  const vary = headers.get('vary');
  if (vary && vary.split(',').some((v) => v.trim().toLowerCase() !== 'accept-encoding'))
    return undefined;
  const cc = parseCacheControl(headers.get('cache-control'));
  if (cc.has('no-store') || cc.has('private') || cc.has('no-cache')) return undefined;
  const lifetime = seconds(cc.get('s-maxage')) ?? seconds(cc.get('max-age'));
  if (lifetime === undefined) return undefined;
  // must-revalidate / proxy-revalidate forbid serving a stale copy in any circumstance.
  const mayServeStale = !cc.has('must-revalidate') && !cc.has('proxy-revalidate');
  const freshness = {
    lifetime,
    staleWhileRevalidate: mayServeStale ? (seconds(cc.get('stale-while-revalidate')) ?? 0) : 0,
    staleIfError: mayServeStale ? (seconds(cc.get('stale-if-error')) ?? 0) : 0,
  };
  return keepSeconds(freshness) > 0 ? freshness : undefined;
}

/** How long a copy is worth keeping: its lifetime plus the longer stale window. */
export function keepSeconds(f: Freshness): number {
  return f.lifetime + Math.max(f.staleWhileRevalidate, f.staleIfError);
}

/** The state of a copy stored at `storedAt` (ms), at `now` (ms). */
export function entryState(f: Freshness, storedAt: number, now: number): EntryState {
  const age = (now - storedAt) / 1000;
  if (age < f.lifetime) return 'fresh';
  if (age < f.lifetime + f.staleWhileRevalidate) return 'stale-while-revalidate';
  return 'expired';
}

/** Whether stale-if-error still covers a copy stored at `storedAt` when the origin fails at `now`. */
export function mayServeOnError(f: Freshness, storedAt: number, now: number): boolean {
  return (now - storedAt) / 1000 < f.lifetime + f.staleIfError;
}
