// Drives HTTP benchmarks with wrk, Debian's C load generator: a Node client on these two cores
// saturates before the server and pulls every ratio toward 1. Reports how busy the client and
// the server were, so a run says when the client was the bottleneck.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { haveDebianTool } from './debian.ts';
import { measure, spread } from './figures.ts';

export interface WrkTarget {
  port: number;
  /** Requested in turn, round robin. */
  paths: string[];
  /** Sent with every request. */
  headers?: Record<string, string>;
  /** Each request gets its own X-Forwarded-For (a visitor from a different public address). */
  visitors?: boolean;
  /** The process answering, to measure its CPU. */
  serverPid?: number;
}

export interface WrkResult {
  requestsPerSecond: number;
  /** Responses outside 2xx/3xx, and socket errors. */
  bad: number;
  /** Share of one core the client (wrk) and the server used during the run. */
  clientCpu: number;
  serverCpu: number | undefined;
  /** The server's CPU time (user + system) per answered request, in µs. */
  serverMicros: number | undefined;
}

export const WRK_THREADS = 1;
export const WRK_CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
/** Seconds of one wrk run; a comparison makes BENCH_ROUNDS runs of each side, interleaved. */
export const WRK_SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
export const BENCH_ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
/** Seconds each target is driven, unmeasured, before its first measured run (JIT, pools). */
const WARM_UP_SECONDS = 1;

/** wrk from Debian's package, installed on first use where it is missing. */
export function ensureWrk(): void {
  if (!haveDebianTool('wrk')) throw new Error('wrk is needed: apt-get install wrk failed');
}

const lua = (target: WrkTarget) => `
local paths = { ${target.paths.map((p) => JSON.stringify(p)).join(', ')} }
local headers = { ${Object.entries(target.headers ?? {})
  .map(([k, v]) => `[${JSON.stringify(k)}] = ${JSON.stringify(v)}`)
  .join(', ')} }
local n = 0
request = function()
  n = n + 1
  ${target.visitors ? 'headers["X-Forwarded-For"] = string.format("%d.%d.%d.10", 81 + n % 100, (n * 7) % 250, (n * 13) % 250)' : ''}
  return wrk.format("GET", paths[(n % #paths) + 1], headers)
end
`;

/** CPU seconds a process has used so far (user + system), from /proc. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Runs wrk against one target and reads its figures. */
export async function wrk(target: WrkTarget, seconds = WRK_SECONDS): Promise<WrkResult> {
  const script = join(tmpdir(), `isobar-wrk-${process.pid}-${target.port}.lua`);
  writeFileSync(script, lua(target));
  const serverBefore = target.serverPid ? cpuSeconds(target.serverPid) : 0;
  const args = [
    '-f',
    '%U %S',
    'wrk',
    `-t${WRK_THREADS}`,
    `-c${WRK_CONNECTIONS}`,
    `-d${seconds}s`,
    '-s',
    script,
    `http://127.0.0.1:${target.port}`,
  ];
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn('/usr/bin/time', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (d) => (text += d));
    child.stderr.on('data', (d) => (text += d));
    child.on('error', reject);
    child.on('exit', () => resolve(text));
  });
  const serverSeconds = target.serverPid ? cpuSeconds(target.serverPid) - serverBefore : 0;
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1]);
  if (!Number.isFinite(rps)) throw new Error(`wrk printed no rate:\n${output}`);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1] ?? 0);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(
    output,
  );
  const errors = socket ? socket.slice(1).reduce((n, v) => n + Number(v), 0) : 0;
  const [user, sys] = (/([\d.]+) ([\d.]+)\s*$/.exec(output.trim()) ?? []).slice(1).map(Number);
  return {
    requestsPerSecond: rps,
    bad: non2xx + errors,
    clientCpu: ((user ?? 0) + (sys ?? 0)) / seconds,
    serverCpu: target.serverPid ? serverSeconds / seconds : undefined,
    serverMicros: target.serverPid ? (serverSeconds * 1e6) / (rps * seconds) : undefined,
  };
}

/** Two targets measured in turn: their mean figures and the ratio of each round. */
export interface Comparison {
  ours: WrkResult;
  base: WrkResult;
  /** ours / base requests per second, one per round. */
  ratios: number[];
  /** base / ours server CPU per request, one per round (a cost ratio: above 1, ours is cheaper). */
  cpuRatios: number[];
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const meanOf = (runs: WrkResult[]): WrkResult => {
  const of = (pick: (r: WrkResult) => number | undefined) => {
    const xs = runs.map(pick);
    return xs.some((x) => x === undefined) ? undefined : mean(xs as number[]);
  };
  return {
    requestsPerSecond: of((r) => r.requestsPerSecond)!,
    bad: runs.reduce((n, r) => n + r.bad, 0),
    clientCpu: of((r) => r.clientCpu)!,
    serverCpu: of((r) => r.serverCpu),
    serverMicros: of((r) => r.serverMicros),
  };
};

/**
 * Measures ours against a baseline in interleaved rounds (ours first in odd rounds, the
 * baseline first in even ones), each side warmed up first: this VM's speed drifts by tens of
 * percent over a minute, which two long runs one after the other would read as a ratio.
 */
export async function compare(
  /** Called before every run (to keep runs clear of a moment the data changes). */
  before: () => Promise<void>,
  ours: WrkTarget,
  base: WrkTarget,
  rounds = BENCH_ROUNDS,
): Promise<Comparison> {
  const targets = { ours, base };
  const run = async (side: 'ours' | 'base', seconds?: number) => {
    await before();
    return wrk(targets[side], seconds);
  };
  const runs = await measure(
    ['ours', 'base'],
    (side) => run(side),
    rounds,
    (side) => run(side, WARM_UP_SECONDS),
  );
  const { ours: mine, base: theirs } = runs;
  const ratios = mine.map((r, i) => r.requestsPerSecond / theirs[i]!.requestsPerSecond);
  const cpuRatios = mine.flatMap((r, i) => {
    const [a, b] = [r.serverMicros, theirs[i]!.serverMicros];
    return a && b ? [b / a] : [];
  });
  return { ours: meanOf(mine), base: meanOf(theirs), ratios, cpuRatios };
}

/**
 * A row of figures: the median of the rounds' ratios (their range beside it), each side's mean
 * rate, the server's CPU per request (and its ratio, baseline over ours, per round: a measure of
 * cost that a busy neighbour on the host moves less than it moves a rate), and who was busy.
 */
export function ratioRow(
  name: string,
  { ours, base, ratios, cpuRatios }: Comparison,
  baseName: string,
) {
  const pct = (x: number | undefined) =>
    x === undefined ? '  –' : `${Math.round(x * 100)}%`.padStart(4);
  const us = (x: number | undefined) => (x === undefined ? '–' : `${x.toFixed(0)} µs`);
  const bound = (r: WrkResult) => (r.clientCpu > 0.9 ? ' CLIENT-BOUND' : '');
  return (
    `${name.padEnd(14)} ${ours.requestsPerSecond.toFixed(0).padStart(7)} req/s  ` +
    `vs ${baseName.padEnd(30)} ${base.requestsPerSecond.toFixed(0).padStart(7)} req/s  ` +
    `ratio ${spread(ratios)}  ` +
    `server cpu/request ${us(ours.serverMicros)} / ${us(base.serverMicros)}` +
    (cpuRatios.length ? `, ratio ${spread(cpuRatios)}  ` : '  ') +
    `cpu client ${pct(ours.clientCpu)}/${pct(base.clientCpu)} server ${pct(ours.serverCpu)}/${pct(base.serverCpu)}` +
    `${bound(ours)}${bound(base)}` +
    (ours.bad + base.bad > 0 ? `  (${ours.bad + base.bad} bad responses)` : '')
  );
}
