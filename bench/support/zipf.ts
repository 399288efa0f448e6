// Seeded random numbers and a Zipf sampler for the benchmarks: the same seed gives the same run.

/** A uniform number in [0, 1) from a 32-bit seed (mulberry32): small, fast, good enough here. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface Zipf {
  /** A rank from 0 (the most popular) to n - 1, for a uniform `u` in [0, 1). */
  rank(u: number): number;
  /** The share of draws that land on `rank`. */
  share(rank: number): number;
}

/**
 * Zipf's law over `n` ranks: rank r (from 1) is drawn in proportion to 1 / r^s. The cumulative
 * weights are kept, so a draw is one binary search.
 */
export function createZipf(n: number, s = 1): Zipf {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let r = 0; r < n; r++) {
    total += 1 / (r + 1) ** s;
    cumulative[r] = total;
  }
  return {
    rank(u) {
      const target = u * total;
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cumulative[mid]! <= target) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    },
    share: (rank) => 1 / (rank + 1) ** s / total,
  };
}
