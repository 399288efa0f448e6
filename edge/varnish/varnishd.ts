import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Debian's Varnish (`apt-get install varnish varnish-modules`: 7.1 with xkey) in front of a
 * backend on this machine, running the shipped VCL (edge/varnish/isobar.vcl): what `npm run edge`
 * and the tests start (test/support/varnish.ts).
 */
export const VARNISHD = process.env.VARNISHD_PATH ?? findVarnishd();
export const HAVE_VARNISH = VARNISHD !== undefined;

/** The VCL a self-hoster runs; the tests run it unchanged. */
export const ISOBAR_VCL = resolve(import.meta.dirname, 'isobar.vcl');

/** Debian puts varnishd in /usr/sbin, which is not on every user's PATH. */
function findVarnishd(): string | undefined {
  for (const candidate of ['varnishd', '/usr/sbin/varnishd', '/usr/local/sbin/varnishd']) {
    if (spawnSync(candidate, ['-V'], { stdio: 'ignore' }).status === 0) return candidate;
  }
  return undefined;
}

export interface SiteOptions {
  backendPort: number;
  backendHost?: string;
  /** Addresses or `"10.0.0.0"/8`-style VCL ACL entries allowed to PURGE (default: loopback). */
  purgers?: readonly string[];
  /** How long Varnish waits for the backend's first byte (default 10 s). */
  firstByteTimeoutS?: number;
  /** A health probe on this path, every 100 ms, sick after 2 failures of the last 3. */
  probePath?: string;
}

/** The site's include (`isobar-site.vcl`): the backend, and who may purge. */
export function siteVcl(o: SiteOptions): string {
  const acl = (o.purgers ?? ['127.0.0.1', '::1'])
    .map((entry) => `    ${entry.startsWith('"') ? entry : `"${entry}"`};`)
    .join('\n');
  return [
    'backend isobar_origin {',
    `    .host = "${o.backendHost ?? '127.0.0.1'}";`,
    `    .port = "${o.backendPort}";`,
    '    .connect_timeout = 2s;',
    `    .first_byte_timeout = ${o.firstByteTimeoutS ?? 10}s;`,
    ...(o.probePath
      ? [
          `    .probe = { .url = "${o.probePath}"; .interval = 0.1s; .timeout = 0.5s;`,
          '               .window = 3; .threshold = 2; .initial = 2; }',
        ]
      : []),
    '}',
    '',
    'acl isobar_purgers {',
    acl,
    '}',
    '',
  ].join('\n');
}

export interface VarnishOptions extends SiteOptions {
  /** More `-p name=value` runtime parameters. */
  params?: Record<string, string>;
}

export interface Varnish {
  pid: number;
  /** `http://127.0.0.1:{port}` */
  base: string;
  /** What varnishd printed, for a failing test's message. */
  output(): string;
  /** Stops varnishd (SIGTERM to its PID, then SIGKILL) and removes its directory. */
  stop(): Promise<void>;
}

/** As root (CI), varnishd would switch to Debian's varnish user, who cannot read a temp dir. */
const JAIL = process.getuid?.() === 0 ? ['-j', 'none'] : [];

/** A port free now on 127.0.0.1 (varnishd cannot report one it picked itself without its CLI). */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/**
 * varnishd in the foreground (`-F`) on a free 127.0.0.1 port with the shipped VCL in front of
 * `backendPort`, its working directory (`-n`) and site include in a temporary directory of its
 * own; resolves once it answers. Tries another port if the one picked was taken meanwhile.
 */
export async function startVarnish(o: VarnishOptions): Promise<Varnish> {
  if (!VARNISHD) throw new Error('no varnishd (apt-get install varnish varnish-modules)');
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOnce(VARNISHD, await freePort(), o);
    } catch (err) {
      lastError = err;
    }
  }
  throw lastError;
}

async function startOnce(varnishd: string, port: number, o: VarnishOptions): Promise<Varnish> {
  const dir = mkdtempSync(join(tmpdir(), 'isobar-varnish-'));
  const conf = join(dir, 'conf');
  mkdirSync(conf);
  writeFileSync(join(conf, 'isobar-site.vcl'), siteVcl(o));
  const params = {
    // The origin's own br/gzip/identity variants, not Varnish's gzip (see the VCL's header).
    http_gzip_support: 'off',
    vcl_path: `${conf}:/usr/share/varnish/vcl`,
    ...o.params,
  };
  const args = [
    '-F',
    '-n',
    join(dir, 'work'),
    '-a',
    `127.0.0.1:${port}`,
    '-f',
    ISOBAR_VCL,
    '-T',
    'none',
    '-s',
    'malloc,64m',
    ...JAIL,
    ...Object.entries(params).flatMap(([name, value]) => ['-p', `${name}=${value}`]),
  ];
  const child = spawn(varnishd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let said = '';
  child.stdout.on('data', (chunk) => {
    said += chunk;
  });
  child.stderr.on('data', (chunk) => {
    said += chunk;
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const running = () => child.exitCode === null && child.signalCode === null;
  const stop = async () => {
    if (running()) {
      process.kill(child.pid!, 'SIGTERM');
      const killer = setTimeout(() => running() && process.kill(child.pid!, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(killer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (!running()) break;
    // PURGE is answered by Varnish itself (200, 400 or 403), never by the backend.
    const answered = await fetch(base, { method: 'PURGE', signal: AbortSignal.timeout(1000) })
      .then(() => true)
      .catch(() => false);
    if (answered) return { pid: child.pid!, base, output: () => said, stop };
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`varnishd did not answer on ${base}:\n${said}`);
}

/** Whether the shipped VCL compiles with this include (varnishd -C), and what it said. */
export function compileVcl(site: string): { ok: boolean; output: string } {
  if (!VARNISHD) throw new Error('no varnishd');
  const dir = mkdtempSync(join(tmpdir(), 'isobar-vcc-'));
  try {
    writeFileSync(join(dir, 'isobar-site.vcl'), site);
    const run = spawnSync(
      VARNISHD,
      ['-C', ...JAIL, '-n', join(dir, 'work'), '-f', ISOBAR_VCL, '-p', `vcl_path=${dir}`],
      { encoding: 'utf8' },
    );
    return { ok: run.status === 0, output: run.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
