import { describe, expect, it } from 'vitest';
import { createTokenBucket } from './token-bucket.ts';

function bucket(perMinute: number, burst: number) {
  let clock = 1_000;
  const b = createTokenBucket({ perMinute, burst, now: () => clock });
  /** Takes n places in a row, each waited for, as a caller does: when each went. */
  const run = (n: number) =>
    Array.from({ length: n }, () => {
      const at = b.take();
      clock = Math.max(clock, at);
      return at - 1_000;
    });
  return { b, run, advance: (ms: number) => (clock += ms), now: () => clock };
}

describe('the token bucket', () => {
  it('spaces requests evenly at the rate with a burst of one', () => {
    expect(bucket(5, 1).run(4)).toEqual([0, 12_000, 24_000, 36_000]);
  });

  it('lets a full bucket go at once, then paces', () => {
    expect(bucket(600, 3).run(6)).toEqual([0, 0, 0, 100, 200, 300]);
  });

  it('refills while idle, never past its size', () => {
    const { run, advance } = bucket(600, 3);
    run(3);
    advance(10_000);
    expect(run(5)).toEqual([10_000, 10_000, 10_000, 10_100, 10_200]);
  });

  it('counts what can start before a time', () => {
    const { b, run, now } = bucket(600, 3);
    expect(b.available(now())).toBe(3);
    expect(b.available(now() + 1_000)).toBe(13);
    run(3);
    expect(b.available(now())).toBe(0);
    expect(b.available(now() + 100)).toBe(1);
  });

  it('lets nothing go during a pause, and no burst after it', () => {
    const { b, run, now } = bucket(600, 3);
    run(1);
    b.pause(now() + 5_000);
    expect(run(3)).toEqual([5_000, 5_100, 5_200]);
  });

  it('refuses a rate that is not positive', () => {
    expect(() => createTokenBucket({ perMinute: 0, burst: 1, now: Date.now })).toThrow(RangeError);
  });
});
