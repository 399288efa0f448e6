export interface RateLimiterOptions {
  /** Requests allowed per minute, and the burst a full bucket allows. */
  perMinute: number;
  now: () => number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateLimiter {
  /** Spends one request of `key`'s allowance, or says how long until one is free. */
  take(key: string | number): RateDecision;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A token bucket per key, in this process's memory: each origin copy limits on its own, so N
 * copies behind a balancer allow up to N times the rate. Keys are token ids: a bounded set.
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const capacity = options.perMinute;
  const perMs = options.perMinute / 60_000;
  const buckets = new Map<string | number, Bucket>();
  return {
    take(key) {
      const now = options.now();
      const bucket = buckets.get(key) ?? { tokens: capacity, at: now };
      bucket.tokens = Math.min(capacity, bucket.tokens + Math.max(0, now - bucket.at) * perMs);
      bucket.at = now;
      buckets.set(key, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { allowed: true };
      }
      return { allowed: false, retryAfterSeconds: Math.ceil((1 - bucket.tokens) / perMs / 1000) };
    },
  };
}
