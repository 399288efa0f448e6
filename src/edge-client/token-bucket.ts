export interface TokenBucketOptions {
  /** Requests let through a minute, on average. */
  perMinute: number;
  /** Requests that may go at once after a quiet spell (the bucket's size); at least 1. */
  burst: number;
  now: () => number;
}

export interface TokenBucket {
  /** Takes the next request's place: when (on the clock) it may go, now or later. */
  take(): number;
  /** How many requests could start from now until `until`, if none were taken meanwhile. */
  available(until: number): number;
  /** Lets nothing go before `until` (the server said to wait), then paces again from there. */
  pause(until: number): void;
}

/**
 * A token bucket kept as one time, the generic cell rate algorithm's "theoretical arrival
 * time": a request may go once the clock reaches `tat - tolerance`, and each one moves `tat` on
 * by one interval. It schedules rather than refuses, so a caller learns how long to wait.
 */
export function createTokenBucket(o: TokenBucketOptions): TokenBucket {
  if (!(o.perMinute > 0)) throw new RangeError('perMinute must be positive');
  const interval = 60_000 / o.perMinute;
  const tolerance = (Math.max(1, Math.floor(o.burst)) - 1) * interval;
  let tat = -Infinity;
  return {
    take() {
      const now = o.now();
      const at = Math.max(now, tat - tolerance);
      tat = Math.max(tat, now) + interval;
      return at;
    },
    available(until) {
      const now = o.now();
      const base = Math.max(tat, now);
      return Math.max(0, Math.floor((until - base + tolerance) / interval) + 1);
    },
    pause(until) {
      tat = Math.max(tat, until + tolerance);
    },
  };
}
