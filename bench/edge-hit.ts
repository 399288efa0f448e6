// The edge worker's cache-hit path against a worker that returns the same bytes from a constant
// (the very body and headers of an edge hit, sampled from one), all in one workerd started by
// Miniflare (never wrangler dev), printed as ratios. Two more workers split the difference: a
// bare `caches.default.match` (the floor of any Cache API hit, here Miniflare's simulator) and
// the edge on its in-memory store (the edge's own logic).
//   in workerd: a driver worker calls each target through a service binding, so the figure is
//               the worker's own cost;
//   via Node:   Miniflare's dispatchFetch from this process, what a local HTTP client sees;
//   counted:    the headline pair again in a workerd run under callgrind (where valgrind is
//               installed): instructions per request, which this VM's noise does not move;
//               beside them, the constant worker after reading what every hit must read (the
//               floor of any worker doing the edge's job), to split the edge's own JavaScript
//               from the reads it cannot do without.
// Usage: npm run bench:edge   (BENCH_ROUNDS, BENCH_BLOCKS, BENCH_BLOCK, and BENCH_REQUESTS for
// the run via Node, change the sizes).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { convertV4MiniflareOptions, Miniflare } from 'miniflare';
import { unstable_readConfig } from 'wrangler';
import { haveDebianTool } from './support/debian.ts';
import { measure, median, ratiosOf, spread } from './support/figures.ts';
import { countedProgram } from './support/instructions.ts';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
/** Requests a target answers in a row in workerd, and how many such blocks make a round. */
const BLOCK = Number(process.env.BENCH_BLOCK ?? 50);
const BLOCKS = Number(process.env.BENCH_BLOCKS ?? 8);
/** Rounds of the instruction count (0: none), and requests a target makes in each. */
const COUNT_ROUNDS = Number(process.env.BENCH_COUNT_ROUNDS ?? 7);
const COUNTED = 1000;
const URL_UNDER_TEST = 'https://isobar.bench/GB/London.json';
const root = new URL('..', import.meta.url).pathname;
const wranglerConfig = join(root, 'edge/wrangler.jsonc');
const compatibilityDate = unstable_readConfig({ config: wranglerConfig }).compatibility_date;

// The bytes and headers the bench's origin answers with (a place document); the constant worker
// starts with them, then sends the edge hit sampled below.
const BODY = JSON.stringify({
  location: { country_code: 'GB', slug: 'London', path: '/GB/London' },
  current: { temperature_c: 14.2 },
});
const HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'cache-control':
    'public, max-age=3600, s-maxage=3600, stale-while-revalidate=60, stale-if-error=86400',
  etag: '"bench-1"',
  'cache-tag': 'place:GB/London',
  vary: 'Accept-Encoding',
};
/** Source for a Response with these very body and headers, made from constants. */
const constantResponseOf = (body: string, headers: Record<string, string>) =>
  `new Response(${JSON.stringify(body)}, { headers: ${JSON.stringify(headers)} })`;
/** A worker that answers every request with that Response. */
const constantWorker = (body: string, headers: Record<string, string>) =>
  `export default { fetch() { return ${constantResponseOf(body, headers)}; } };`;
/**
 * A worker that answers with that Response as any worker answering conditional GETs with request
 * ids must: after reading the method, the URL, the ray id and both validators (each read a
 * crossing into the runtime) and the clock, and after one await (a cache lookup is
 * asynchronous). The floor of a hit: what the edge costs above it is its own JavaScript.
 */
const readingWorker = (body: string, headers: Record<string, string>) => `export default {
  async fetch(request) {
    const { method, url, headers: h } = request;
    const read = [method, url, h.get('cf-ray'), h.get('if-none-match'), h.get('if-modified-since')];
    await Date.now();
    if (read.length === 0) throw new Error('unreachable');
    return ${constantResponseOf(body, headers)};
  },
};`;
/** The constant workers' sources: the plain one, and the one that reads what a hit must. */
const workersOf = (body: string, headers: Record<string, string>) => ({
  constant: constantWorker(body, headers),
  reads: readingWorker(body, headers),
});
const constantResponse = constantResponseOf(BODY, HEADERS);
const answering = constantWorker(BODY, HEADERS);
const bareCache = `export default {
  async fetch(request) {
    const hit = await caches.default.match(request.url);
    if (hit) return hit;
    await caches.default.put(request.url, ${constantResponse});
    return ${constantResponse};
  },
};`;
const TARGETS = {
  edge: 'EDGE',
  memory: 'EDGE_MEMORY',
  cache: 'BARE_CACHE',
  constant: 'CONSTANT',
  reads: 'READS',
} as const;
type Target = keyof typeof TARGETS;

/**
 * What every request reaching a worker on Cloudflare carries and the edge reads on a hit: the ray
 * id, which the edge reports as the request id (it makes one of its own only where there is none,
 * as under `wrangler dev`).
 */
const AS_CLOUDFLARE_SENDS = { headers: { 'cf-ray': '8e1c2f3a4b5d6e7f-LHR' } };

// Runs its targets in turn, a block of requests each, many times over within one call (each
// pass in the other order), and adds up each target's time: drift on the host (a busy neighbour,
// GC, the JIT) then falls on every target alike within milliseconds, not on whichever ran in its
// stretch of seconds. Date.now() in workerd moves only on I/O, in whole milliseconds; a block is
// several milliseconds and its ends fall anywhere in a millisecond, so the sums come out right.
const driver = `const AS_CLOUDFLARE_SENDS = ${JSON.stringify(AS_CLOUDFLARE_SENDS)};
export default {
  async fetch(request, env) {
    const q = new URL(request.url).searchParams;
    const targets = q.get('targets').split(',').map((name) => env[name]);
    const block = Number(q.get('block'));
    const blocks = Number(q.get('blocks'));
    const lanes = Number(q.get('c'));
    const ms = targets.map(() => 0);
    const notHit = targets.map(() => 0);
    const run = async (i) => {
      let next = 0;
      const lane = async () => {
        while (next++ < block) {
          const res = await targets[i].fetch(${JSON.stringify(URL_UNDER_TEST)}, AS_CLOUDFLARE_SENDS);
          await res.arrayBuffer();
          if (res.headers.get('x-isobar-edge') !== 'hit') notHit[i]++;
        }
      };
      await Promise.all(Array.from({ length: lanes }, lane));
    };
    for (let pass = 0; pass < blocks; pass++) {
      const order = [...targets.keys()];
      for (const i of pass % 2 ? order.reverse() : order) {
        const started = Date.now();
        await run(i);
        ms[i] += Date.now() - started;
      }
    }
    return Response.json({ ms, notHit });
  },
};`;

/**
 * A worker exactly as `wrangler deploy` would upload it (`entry` overrides wrangler.jsonc's main).
 */
function bundle(entry?: string): { dir: string; script: string } {
  const dir = mkdtempSync(join(tmpdir(), 'isobar-edge-bench-'));
  const args = [
    'deploy',
    ...(entry ? [entry] : []),
    '--dry-run',
    '--outdir',
    dir,
    '--config',
    wranglerConfig,
  ];
  execFileSync(join(root, 'node_modules/.bin/wrangler'), args, { cwd: root, stdio: 'ignore' });
  const script = readdirSync(dir).find((file) => file.endsWith('.js'));
  if (!script) throw new Error(`wrangler wrote no script to ${dir}`);
  return { dir, script: join(dir, script) };
}

const bundles = { edge: bundle(), memory: bundle(join(root, 'bench/edge-memory-worker.ts')) };
const edgeWorker = (name: string, b: { dir: string; script: string }) => ({
  name,
  modules: true,
  scriptPath: b.script,
  modulesRoot: b.dir,
  compatibilityDate,
  bindings: { ORIGIN_URL: 'http://origin.bench', ORIGIN_TIMEOUT_MS: '5000' },
  outboundService: 'origin',
});
// Written in Miniflare 4's options, which Miniflare 5 (what wrangler 4.164 runs) still converts.
const options = ({ constant, reads } = workersOf(BODY, HEADERS)) =>
  convertV4MiniflareOptions({
    workers: [
      {
        name: 'driver',
        modules: true,
        script: driver,
        compatibilityDate,
        serviceBindings: Object.fromEntries(
          Object.entries(TARGETS).map(([name, binding]) => [binding, name]),
        ),
      },
      edgeWorker('edge', bundles.edge),
      edgeWorker('memory', bundles.memory),
      { name: 'cache', modules: true, script: bareCache, compatibilityDate },
      { name: 'constant', modules: true, script: constant, compatibilityDate },
      { name: 'reads', modules: true, script: reads, compatibilityDate },
      { name: 'origin', modules: true, script: answering, compatibilityDate },
    ],
  });
const mf = new Miniflare(options());

/** The driver's URL: `blocks` passes over the targets, `block` requests each, `lanes` in flight. */
const driverUrl = (targets: Target[], block: number, blocks: number, lanes: number) =>
  `http://driver.bench/?targets=${targets.map((t) => TARGETS[t]).join(',')}&block=${block}&blocks=${blocks}&c=${lanes}`;

/**
 * µs per request of each target in workerd, one figure per round; a round is one driver call
 * that interleaves the targets block by block.
 */
async function inWorkerd(targets: Target[], lanes: number): Promise<Record<string, number[]>> {
  const call = async (blocks: number) => {
    const res = await mf.dispatchFetch(driverUrl(targets, BLOCK, blocks, lanes));
    return (await res.json()) as { ms: number[]; notHit: number[] };
  };
  await call(2); // warm-up
  const times: Record<string, number[]> = Object.fromEntries(targets.map((t) => [t, []]));
  for (let round = 0; round < ROUNDS; round++) {
    const { ms, notHit } = await call(BLOCKS);
    targets.forEach((t, i) => {
      if ((t === 'edge' || t === 'memory') && notHit[i]! > 0)
        throw new Error(`${t}: ${notHit[i]} responses were not hits`);
      times[t]!.push((ms[i]! * 1000) / (BLOCK * BLOCKS));
    });
  }
  return times;
}

async function viaNode(worker: string, lanes: number): Promise<number> {
  const target = await mf.getWorker(worker);
  const n = REQUESTS / 4;
  let next = 0;
  const started = performance.now();
  const lane = async () => {
    while (next++ < n)
      await (await target.fetch(URL_UNDER_TEST, AS_CLOUDFLARE_SENDS)).arrayBuffer();
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  return ((performance.now() - started) * 1000) / n;
}

/**
 * Instructions per request of the memory-store edge, the worker that only reads what a hit must,
 * and the constant worker, each round one run of each (in turn forwards and backwards), in a workerd of their own under callgrind: the count
 * does not move with the machine's load, so it tells apart what time on this VM cannot.
 */
async function instructionsPerHit(
  workers: ReturnType<typeof workersOf>,
): Promise<Record<string, number[]>> {
  const counted = countedProgram(createRequire(import.meta.url)('workerd').default);
  const previous = process.env.MINIFLARE_WORKERD_PATH;
  process.env.MINIFLARE_WORKERD_PATH = counted.wrapper;
  const slow = new Miniflare(options(workers));
  try {
    await slow.ready;
    const drive = async (t: Target, n: number) => {
      await (await slow.dispatchFetch(driverUrl([t], n, 1, 1))).arrayBuffer();
    };
    // The warm-up (one counted run each) is long enough for the JIT to settle: its compiles run
    // on threads that are counted too.
    const count = async (t: Target) =>
      (await counted.count(
        () => drive(t, COUNTED),
        () => drive(t, 0),
      )) / COUNTED;
    return await measure(['memory', 'reads', 'constant'], count, COUNT_ROUNDS);
  } finally {
    if (previous === undefined) delete process.env.MINIFLARE_WORKERD_PATH;
    else process.env.MINIFLARE_WORKERD_PATH = previous;
    await slow.dispose();
    counted.dispose();
  }
}

const LABELS: Record<Target, string> = {
  edge: 'edge hit',
  memory: 'edge, memory store',
  cache: 'bare cache.match',
  constant: 'constant',
  reads: 'constant after the reads',
};

try {
  // One miss each, so everything after is a hit.
  const warm = async () => {
    for (const t of ['edge', 'memory', 'cache'] as const)
      await mf.dispatchFetch(driverUrl([t], 1, 1, 1));
  };
  await warm();
  // The same bytes, as the origin rows compare: the constant worker sends what an edge hit
  // sends (its body and every header, X-Isobar-Edge and Age included), sampled from one hit.
  const sample = await (await mf.getWorker('memory')).fetch(URL_UNDER_TEST, AS_CLOUDFLARE_SENDS);
  const sampleHeaders = Object.fromEntries(
    [...sample.headers].filter(([name]) => name !== 'content-length'),
  );
  const sampled = workersOf(await sample.text(), sampleHeaders);
  await mf.setOptions(options(sampled));
  await warm();
  console.log(
    `edge hit path vs a constant-response worker: ${ROUNDS} rounds of ${BLOCKS} blocks of ${BLOCK} requests a target, in turn; median µs per request`,
  );
  const headline: string[] = [];
  for (const lanes of [1, 16]) {
    // The headline pair measured on its own, so that neither follows the Cache API simulator's
    // heavy rounds (whatever ran before a target leaves its garbage to it).
    const own = await inWorkerd(['memory', 'constant'], lanes);
    headline.push(`${spread(ratiosOf(own, 'memory', 'constant'))} at ${lanes} in flight`);
    const cached = await inWorkerd(['edge', 'cache', 'constant'], lanes);
    const rows: [Target, Record<string, number[]>][] = [
      ['memory', own],
      ['constant', own],
      ['edge', cached],
      ['cache', cached],
    ];
    console.log(`  in workerd, ${lanes} in flight (ratio: median of the rounds' ratios)`);
    for (const [t, times] of rows)
      console.log(
        `    ${LABELS[t].padEnd(20)} ${median(times[t]!).toFixed(1).padStart(8)} µs   ${median(
          ratiosOf(times, t, 'constant'),
        )
          .toFixed(2)
          .padStart(6)}x constant`,
      );
  }
  const node = await measure(['edge', 'constant'], (t) => viaNode(t, 16), ROUNDS);
  console.log(
    `  via Node dispatchFetch, 16 in flight: edge hit ${median(node.edge!).toFixed(0)} µs, constant ${median(node.constant!).toFixed(0)} µs, ${median(ratiosOf(node, 'edge', 'constant')).toFixed(2)}x`,
  );
  if (COUNT_ROUNDS > 0 && haveDebianTool('valgrind')) {
    const counts = await instructionsPerHit(sampled);
    const k = (t: Target) => `${(median(counts[t]!) / 1000).toFixed(0)}k`;
    console.log(
      `  instructions per request (callgrind, ${COUNT_ROUNDS} rounds of ${COUNTED} requests a target): edge, memory store ${k('memory')}, constant ${k('constant')}`,
    );
    console.log(
      `    constant after the reads every hit needs (method, URL, ray id, both validators, the clock, an await): ${k('reads')}; ratio to constant ${spread(ratiosOf(counts, 'reads', 'constant'))}, edge to it ${spread(ratiosOf(counts, 'memory', 'reads'))}`,
    );
    headline.push(`instructions ${spread(ratiosOf(counts, 'memory', 'constant'))}`);
  } else
    console.log('  instructions per request: not counted (no valgrind, or BENCH_COUNT_ROUNDS=0)');
  // The row: the worker's own work on a hit (memory store) against a constant worker;
  // the Cache API above is Miniflare's simulator, not Cloudflare's, so it is reported apart.
  console.log(`RATIO edge hit, memory store / constant (in workerd): ${headline.join(', ')}`);
} finally {
  await mf.dispose();
  for (const b of Object.values(bundles)) rmSync(b.dir, { recursive: true, force: true });
}
