import { type Freshness, parseCacheControl } from '../contract/protocol/freshness.ts';

const seconds = (v: string | true | undefined) =>
  typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : 0;

/**
 * How long a page built from several API answers stays fresh: as long as the shortest-lived of
 * them (each window the smallest of theirs), immutable only when every one is. An answer a
 * shared cache may not keep makes the page uncacheable (undefined).
 */
export function pageFreshness(
  controls: readonly (string | null)[],
  ceiling?: number,
): Freshness | undefined {
  let f: Freshness | undefined;
  for (const control of controls) {
    const cc = parseCacheControl(control);
    if (cc.has('no-store') || cc.has('private') || cc.has('no-cache')) return undefined;
    const one: Freshness = {
      maxAge: seconds(cc.get('s-maxage') ?? cc.get('max-age')),
      staleWhileRevalidate: seconds(cc.get('stale-while-revalidate')),
      staleIfError: seconds(cc.get('stale-if-error')),
      immutable: cc.has('immutable'),
    };
    f = f
      ? {
          maxAge: Math.min(f.maxAge, one.maxAge),
          staleWhileRevalidate: Math.min(f.staleWhileRevalidate, one.staleWhileRevalidate),
          staleIfError: Math.min(f.staleIfError, one.staleIfError),
          immutable: Boolean(f.immutable && one.immutable),
        }
      : one;
  }
  if (!f || f.maxAge === 0) return undefined;
  if (ceiling !== undefined && f.maxAge > ceiling) {
    f = { ...f, maxAge: ceiling, immutable: false };
  }
  if (!f.immutable) delete f.immutable;
  return f;
}
