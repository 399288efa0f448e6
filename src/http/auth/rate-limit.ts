export interface RateLimiterOptions {
  /** Requests allowed per minute, and the burst a full bucket allows. */
  perMinute: number;
  now: () => number;
  /**
   * Keys remembered at most; past it the one used longest ago is forgotten (and starts again
   * with a full bucket). Unbounded when left out: for a bounded set of keys such as token ids.
   */
  maxKeys?: number;
}

/**
 * Whether a request is taken, and the key's allowance after it: requests `remaining` now, and
 * `resetSeconds` until the bucket is full again (the IETF RateLimit field's `r` and `t`).
 */
export type RateDecision = { remaining: number; resetSeconds: number } & (
  | { allowed: true }
  | { allowed: false; retryAfterSeconds: number }
);

export interface RateLimiter {
  /** Spends one request of `key`'s allowance, or says how long until one is free. */
  take(key: string | number): RateDecision;
  /** Whether `key` has a request left, spending nothing. */
  peek(key: string | number): RateDecision;
}

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * A token bucket per key, in this process's memory: each origin copy limits on its own, so N
 * copies behind a balancer allow up to N times the rate.
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const capacity = options.perMinute;
  const perMs = options.perMinute / 60_000;
  const maxKeys = options.maxKeys ?? Number.POSITIVE_INFINITY;
  const buckets = new Map<string | number, Bucket>();
  const refilled = (key: string | number): Bucket => {
    const now = options.now();
    const bucket = buckets.get(key) ?? { tokens: capacity, at: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + Math.max(0, now - bucket.at) * perMs);
    bucket.at = now;
    // Map order is insertion order: moved to the end, the first key is the least recently used.
    buckets.delete(key);
    buckets.set(key, bucket);
    if (buckets.size > maxKeys) buckets.delete(buckets.keys().next().value!);
    return bucket;
  };
  const seconds = (tokens: number) => Math.ceil(tokens / perMs / 1000);
  const decide = (bucket: Bucket, spend: boolean): RateDecision => {
    const allowed = bucket.tokens >= 1;
    if (allowed && spend) bucket.tokens -= 1;
    const state = {
      remaining: Math.floor(bucket.tokens),
      resetSeconds: seconds(capacity - bucket.tokens),
    };
    return allowed
      ? { ...state, allowed }
      : { ...state, allowed, retryAfterSeconds: seconds(1 - bucket.tokens) };
  };
  return {
    take: (key) => decide(refilled(key), true),
    peek: (key) => decide(refilled(key), false),
  };
}
