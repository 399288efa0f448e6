// Instructions per request of the origin's quick answers against their baselines, counted by
// callgrind in a copy of the bench's servers (the same compiled file, serving the database the
// measured copy filled): a count does not move with this VM's load, where rates move by half.
// It is the servers' own work in user space: the kernel's share of a request (its socket
// reads and writes, most of what a small answer costs) is not counted, so these ratios stand
// further from 1 than the rates' do.
import { spawn } from 'node:child_process';
import http from 'node:http';
import { createInterface } from 'node:readline';
import { measure, median, ratiosOf, spread } from './support/figures.ts';
import { countedProgram } from './support/instructions.ts';

/** Rounds of the count (0: none). */
export const COUNT_ROUNDS = Number(process.env.BENCH_COUNT_ROUNDS ?? 5);
/** Requests a target makes in each count. */
const COUNTED = 2000;
/** Requests a target makes first, uncounted: under valgrind the JIT needs this many to settle. */
const WARM_UP = 10_000;
/** Requests in flight, each on its own kept-alive connection. */
const LANES = 8;

export interface CountedTarget {
  /** The server's name in the servers' JSON line of ports. */
  server: string;
  path: string;
  headers?: Record<string, string>;
}

export interface CountedPair {
  name: string;
  ours: CountedTarget;
  base: CountedTarget;
  baseName: string;
}

/** Counts each pair, interleaved round by round, and returns a line of figures a pair. */
export async function countInstructions(
  servers: string,
  dsn: string,
  pairs: CountedPair[],
): Promise<string[]> {
  const counted = countedProgram(process.execPath);
  const child = spawn(counted.wrapper, [servers, dsn, '--serve-only', '--with-baselines'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const gone = new Promise((resolve) => child.on('exit', resolve));
  const agent = new http.Agent({ keepAlive: true, maxSockets: LANES });
  try {
    const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
    const ports = JSON.parse(String((await lines.next()).value)) as Record<string, number>;
    const get = (t: CountedTarget) =>
      new Promise<void>((resolve, reject) => {
        const options = { host: '127.0.0.1', port: ports[t.server], path: t.path, agent };
        http
          .get({ ...options, headers: t.headers }, (res) => res.resume().on('end', resolve))
          .on('error', reject);
      });
    const drive = async (t: CountedTarget, n: number) => {
      let next = 0;
      const lane = async () => {
        while (next++ < n) await get(t);
      };
      await Promise.all(Array.from({ length: LANES }, lane));
    };
    const rows: string[] = [];
    for (const { name, ours, base, baseName } of pairs) {
      const targets = { ours, base };
      for (const t of [ours, base]) await drive(t, WARM_UP);
      const perRequest = async (side: 'ours' | 'base') =>
        (await counted.count(
          () => drive(targets[side], COUNTED),
          () => drive(targets[side], 1),
        )) / COUNTED;
      const counts = await measure(['ours', 'base'], perRequest, COUNT_ROUNDS);
      const k = (side: 'ours' | 'base') => `${(median(counts[side]) / 1000).toFixed(1)}k`;
      rows.push(
        `${name.padEnd(14)} ${k('ours').padStart(7)} instructions/request  vs ${baseName.padEnd(30)} ${k('base').padStart(7)}  isobar/baseline ${spread(ratiosOf(counts, 'ours', 'base'))}`,
      );
    }
    return rows;
  } finally {
    agent.destroy();
    child.kill('SIGTERM');
    await gone;
    counted.dispose();
  }
}
