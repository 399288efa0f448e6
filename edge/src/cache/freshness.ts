import type { Freshness } from '../../../src/contract/protocol/freshness.ts';

/**
 * Where a stored copy stands at a moment. The Cache API only knows "stored until its TTL"; the
 * stale windows of RFC 5861 are computed here from the freshness the origin granted.
 */
export type EntryState = 'fresh' | 'stale-while-revalidate' | 'expired';

/** The state of a copy stored at `storedAt` (ms), at `now` (ms). */
export function entryState(f: Freshness, storedAt: number, now: number): EntryState {
  const age = (now - storedAt) / 1000;
  if (age < f.maxAge) return 'fresh';
  if (age < f.maxAge + f.staleWhileRevalidate) return 'stale-while-revalidate';
  return 'expired';
}

/**
 * Whether stale-if-error still covers a copy stored at `storedAt` when the origin fails at `now`.
 */
export function mayServeOnError(f: Freshness, storedAt: number, now: number): boolean {
  return (now - storedAt) / 1000 < f.maxAge + f.staleIfError;
}
