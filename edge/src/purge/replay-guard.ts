/**
 * Remembers signatures already used, until their timestamp leaves the validity window. Only an
 * in-memory twin exists: a replay that lands on another isolate or data centre is not caught
 * (documented in the README). A Durable Object would close that gap behind this same interface.
 */
export interface ReplayGuard {
  /** Records `signature`; false if it was already recorded and has not expired. */
  claim(signature: string, expiresAt: number): Promise<boolean>;
}

export interface MemoryReplayGuardOptions {
  clock?: () => number;
  /** Bound on remembered signatures; past it the oldest are forgotten first. */
  maxEntries?: number;
}

export function createMemoryReplayGuard(options: MemoryReplayGuardOptions = {}): ReplayGuard {
  const clock = options.clock ?? Date.now;
  const maxEntries = options.maxEntries ?? 10_000;
  const seen = new Map<string, number>();
  return {
    async claim(signature, expiresAt) {
      const now = clock();
      for (const [known, until] of seen) if (until <= now) seen.delete(known);
      // Hex is case-insensitive, so `AB…` must not pass as a fresh twin of `ab…`.
      const id = signature.toLowerCase();
      if (seen.has(id)) return false;
      // Only correctly signed requests get here, so filling the map already takes the secret.
      while (seen.size >= maxEntries) seen.delete(seen.keys().next().value as string);
      seen.set(id, expiresAt);
      return true;
    },
  };
}
