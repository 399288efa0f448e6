// The edge worker's cache-hit path against a worker that returns the same bytes from a constant
// (the very body and headers of an edge hit, sampled from one), all in one workerd started by
// Miniflare (never wrangler dev), printed as ratios. Two more workers split the difference: a
// bare `caches.default.match` (the floor of any Cache API hit, here Miniflare's simulator) and
// the edge on its in-memory store (the edge's own logic).
//   in workerd: a driver worker calls each target through a service binding, so the figure is
//               the worker's own cost;
//   via Node:   Miniflare's dispatchFetch from this process, what a local HTTP client sees.
// Usage: npm run bench:edge   (BENCH_REQUESTS, BENCH_ROUNDS to change the sizes).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Miniflare } from 'miniflare';
import { unstable_readConfig } from 'wrangler';
import { median, spread } from './support/figures.ts';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
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
} as const;
type Target = keyof typeof TARGETS;

const driver = `export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const target = env[url.searchParams.get('binding')];
    const n = Number(url.searchParams.get('n'));
    const lanes = Number(url.searchParams.get('c'));
    let next = 0, notHit = 0;
    const lane = async () => {
      while (next++ < n) {
        const res = await target.fetch(${JSON.stringify(URL_UNDER_TEST)});
        await res.arrayBuffer();
        if (res.headers.get('x-isobar-edge') !== 'hit') notHit++;
      }
    };
    await Promise.all(Array.from({ length: lanes }, lane));
    return Response.json({ notHit });
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
const options = (constant = answering) => ({
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
    { name: 'origin', modules: true, script: answering, compatibilityDate },
  ],
});
const mf = new Miniflare(options());

async function inWorkerd(target: Target, lanes: number, n = REQUESTS): Promise<number> {
  const started = performance.now();
  const res = await mf.dispatchFetch(
    `http://driver.bench/?binding=${TARGETS[target]}&n=${n}&c=${lanes}`,
  );
  const { notHit } = (await res.json()) as { notHit: number };
  if ((target === 'edge' || target === 'memory') && notHit > 0)
    throw new Error(`${target}: ${notHit} responses were not hits`);
  return ((performance.now() - started) * 1000) / n;
}

async function viaNode(worker: string, lanes: number): Promise<number> {
  const target = await mf.getWorker(worker);
  const n = REQUESTS / 4;
  let next = 0;
  const started = performance.now();
  const lane = async () => {
    while (next++ < n) await (await target.fetch(URL_UNDER_TEST)).arrayBuffer();
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  return ((performance.now() - started) * 1000) / n;
}

/**
 * µs per request of each target, one figure per round, rounds interleaved (in turn forwards and
 * backwards, so no target always follows the same one) so that drift (JIT, GC, a busy neighbour
 * on the host) hits all alike.
 */
async function measure(
  targets: Target[],
  run: (t: Target) => Promise<number>,
): Promise<Record<string, number[]>> {
  for (const t of targets) await run(t);
  const times: Record<string, number[]> = Object.fromEntries(targets.map((t) => [t, []]));
  for (let round = 0; round < ROUNDS; round++)
    for (const t of round % 2 ? [...targets].reverse() : targets) times[t]!.push(await run(t));
  return times;
}

/** One target's time over another's, round by round. */
function ratiosOf(times: Record<string, number[]>, ours: Target, base: Target): number[] {
  return times[ours]!.map((t, round) => t / times[base]![round]!);
}

const LABELS: Record<Target, string> = {
  edge: 'edge hit',
  memory: 'edge, memory store',
  cache: 'bare cache.match',
  constant: 'constant',
};

try {
  // One miss each, so everything after is a hit.
  const warm = async () => {
    for (const t of ['edge', 'memory', 'cache'] as const)
      await mf.dispatchFetch(`http://driver.bench/?binding=${TARGETS[t]}&n=1&c=1`);
  };
  await warm();
  // The same bytes, as the origin rows compare: the constant worker sends what an edge hit
  // sends (its body and every header, X-Isobar-Edge and Age included), sampled from one hit.
  const sample = await (await mf.getWorker('memory')).fetch(URL_UNDER_TEST);
  const sampleHeaders = Object.fromEntries(
    [...sample.headers].filter(([name]) => name !== 'content-length'),
  );
  await mf.setOptions(options(constantWorker(await sample.text(), sampleHeaders)));
  await warm();
  console.log(
    `edge hit path vs a constant-response worker: ${REQUESTS} requests x ${ROUNDS} rounds, median µs per request`,
  );
  const headline: string[] = [];
  for (const lanes of [1, 16]) {
    // The headline pair measured on its own, so that neither follows the Cache API simulator's
    // heavy rounds (whatever ran before a target leaves its garbage to it).
    const own = await measure(['memory', 'constant'], (t) => inWorkerd(t, lanes));
    headline.push(`${spread(ratiosOf(own, 'memory', 'constant'))} at ${lanes} in flight`);
    const cached = await measure(['edge', 'cache', 'constant'], (t) => inWorkerd(t, lanes));
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
  const node = await measure(['edge', 'constant'], (t) => viaNode(t, 16));
  console.log(
    `  via Node dispatchFetch, 16 in flight: edge hit ${median(node.edge!).toFixed(0)} µs, constant ${median(node.constant!).toFixed(0)} µs, ${median(ratiosOf(node, 'edge', 'constant')).toFixed(2)}x`,
  );
  // The row: the worker's own work on a hit (memory store) against a constant worker;
  // the Cache API above is Miniflare's simulator, not Cloudflare's, so it is reported apart.
  console.log(`RATIO edge hit, memory store / constant (in workerd): ${headline.join(', ')}`);
} finally {
  await mf.dispose();
  for (const b of Object.values(bundles)) rmSync(b.dir, { recursive: true, force: true });
}
