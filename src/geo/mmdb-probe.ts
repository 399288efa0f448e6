import type { Reader, Response } from 'maxmind';

export type ProbeOutcome =
  | { ok: true; records: unknown[] }
  | { ok: false; address: string; error: unknown };

const RUNS = 16;
const STEPS_PER_RUN = 64;

/**
 * Reads a sample of the records a file really holds: runs of consecutive
 * networks from fixed points spread over the address space. Random addresses
 * alone mostly land in the empty ranges of a sparse file and never touch a
 * damaged pointer (MaxMind's Invalid-Node-Count test file passes a thousand of
 * them); walking network after network reaches the records that exist.
 */
export function probeRecords(reader: Reader<Response>, ipVersion: 4 | 6): ProbeOutcome {
  const records: unknown[] = [];
  const next = xorshift(0x9e3779b9);
  const runs: [bits: 32 | 128, start: bigint][] = [];
  for (let i = 0; i < RUNS; i++) runs.push([32, i === 0 ? 0n : BigInt(next())]);
  if (ipVersion === 6) {
    // Only 2000::/3 is allocated for global unicast.
    for (let i = 0; i < RUNS; i++)
      runs.push([128, ((0x2000n | BigInt(next() >>> 19)) << 112n) | (BigInt(next()) << 80n)]);
  }
  for (const [bits, start] of runs) {
    let address = start;
    for (let step = 0; step < STEPS_PER_RUN && address < 1n << BigInt(bits); step++) {
      const text = bits === 32 ? ipv4Text(address) : ipv6Text(address);
      let found: [unknown, number];
      try {
        found = reader.getWithPrefixLength(text);
      } catch (error) {
        return { ok: false, address: text, error };
      }
      const [record, prefix] = found;
      if (record !== null) records.push(record);
      const depth = Number.isInteger(prefix) ? Math.min(Math.max(prefix, 0), bits) : bits;
      const size = 1n << BigInt(bits - depth);
      address = (address / size) * size + size;
    }
  }
  return { ok: true, records };
}

// A fixed sequence, so a file that passes once always passes.
function xorshift(seed: number): () => number {
  let state = seed;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return state >>> 0;
  };
}

function ipv4Text(n: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => (n >> shift) & 255n).join('.');
}

function ipv6Text(n: bigint): string {
  const groups: string[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n)
    groups.push(((n >> shift) & 0xffffn).toString(16));
  return groups.join(':');
}
