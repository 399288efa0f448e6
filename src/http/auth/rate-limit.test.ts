import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit.ts';

describe('createRateLimiter', () => {
  it('allows a burst of the per-minute rate, then one request per share of a minute', () => {
    let now = 0;
    const limiter = createRateLimiter({ perMinute: 120, now: () => now });
    for (let i = 0; i < 120; i++) expect(limiter.take(1)).toMatchObject({ allowed: true });
    expect(limiter.take(1)).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
    now += 499;
    expect(limiter.take(1).allowed).toBe(false);
    now += 1;
    expect(limiter.take(1)).toMatchObject({ allowed: true });
    expect(limiter.take(1).allowed).toBe(false);
  });

  it('keeps an allowance per key', () => {
    const limiter = createRateLimiter({ perMinute: 1, now: () => 0 });
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a')).toMatchObject({ allowed: false, retryAfterSeconds: 60 });
    expect(limiter.take('b').allowed).toBe(true);
  });

  it('refills no further than a full bucket', () => {
    let now = 0;
    const limiter = createRateLimiter({ perMinute: 2, now: () => now });
    now += 3_600_000;
    expect([limiter.take(1), limiter.take(1), limiter.take(1)].map((d) => d.allowed)).toEqual([
      true,
      true,
      false,
    ]);
  });
});

describe('createRateLimiter, peeking and bounded', () => {
  it('peeks without spending', () => {
    const limiter = createRateLimiter({ perMinute: 1, now: () => 0 });
    expect(limiter.peek('a')).toMatchObject({ allowed: true });
    expect(limiter.peek('a')).toMatchObject({ allowed: true });
    expect(limiter.take('a')).toMatchObject({ allowed: true });
    expect(limiter.peek('a')).toEqual({
      allowed: false,
      retryAfterSeconds: 60,
      remaining: 0,
      resetSeconds: 60,
    });
  });

  it('forgets the key used longest ago past maxKeys', () => {
    const limiter = createRateLimiter({ perMinute: 1, now: () => 0, maxKeys: 2 });
    for (const key of ['a', 'b']) limiter.take(key);
    limiter.peek('a'); // used again: b is now the oldest
    limiter.take('c');
    expect(limiter.peek('a').allowed).toBe(false);
    expect(limiter.peek('b').allowed).toBe(true);
  });
});
