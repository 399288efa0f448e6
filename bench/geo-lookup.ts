/**
 * GeoDatabase.lookup against the bare maxmind Reader.get, on the same file and
 * the same random addresses, measured in the same run.
 * Run: node bench/geo-lookup.ts [addresses]
 */
import { open } from 'maxmind';
import { defaultGeoPaths, openGeoDatabase } from '../src/geo/geo-database.ts';

const COUNT = Number(process.argv[2] ?? 200_000);
const ROUNDS = 5;

// Seeded, so runs compare like with like.
function addresses(family: 4 | 6, count: number): string[] {
  let state = 0x2545f491;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return state >>> 0;
  };
  const hex = (v: number) => (v & 0xffff).toString(16);
  return Array.from({ length: count }, () => {
    const n = next();
    if (family === 4) return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
    const m = next();
    // Allocated space only (2000::/3), or nearly everything would miss.
    return `${hex(0x2000 | (n >>> 19))}:${hex(n)}:${hex(m)}:${hex(m >>> 16)}::1`;
  });
}

/**
 * Best of several rounds each, lookups per second, the two interleaved so that
 * neither gets a quieter machine or a warmer cache; `found` keeps the work from
 * being optimised away.
 */
function measure(
  lookups: ((ip: string) => unknown)[],
  ips: string[],
): { perSecond: number; found: number }[] {
  const results = lookups.map(() => ({ perSecond: 0, found: 0 }));
  for (let round = 0; round <= ROUNDS; round++) {
    lookups.forEach((lookup, i) => {
      let found = 0;
      const start = process.hrtime.bigint();
      for (const ip of ips) if (lookup(ip) !== null) found++;
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const result = results[i];
      // Round 0 warms the JIT and the record caches.
      if (round > 0 && result)
        results[i] = { perSecond: Math.max(result.perSecond, ips.length / seconds), found };
    });
  }
  return results;
}

const format = (n: number) => Math.round(n).toLocaleString('en-US').padStart(11);

const [v4, v6] = defaultGeoPaths();
console.log(
  `${COUNT.toLocaleString('en-US')} random addresses, best of ${ROUNDS} rounds after a warm-up, node ${process.version}\n`,
);
for (const [family, path] of [
  [4, v4],
  [6, v6],
] as const) {
  if (!path) continue;
  const reader = await open(path);
  const db = await openGeoDatabase([path]);
  const ips = addresses(family, COUNT);
  const [bare = { perSecond: 0, found: 0 }, ours = { perSecond: 0, found: 0 }] = measure(
    [(ip) => reader.get(ip), (ip) => db.lookup(ip)],
    ips,
  );
  console.log(path.split('/').pop());
  console.log(`  maxmind Reader.get    ${format(bare.perSecond)} lookups/s  (${bare.found} found)`);
  console.log(`  GeoDatabase.lookup    ${format(ours.perSecond)} lookups/s  (${ours.found} found)`);
  const overhead = (1 / ours.perSecond - 1 / bare.perSecond) * 1e6;
  console.log(
    `  ratio ours / bare     ${(ours.perSecond / bare.perSecond).toFixed(2)}  (${overhead.toFixed(2)} µs more per lookup)\n`,
  );
}
