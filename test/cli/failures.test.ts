import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import type { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProgram } from '../../src/cli/program/create-program.ts';
import { commandEnv } from '../../src/cli/program/declare.ts';
import { ENV_SCHEMA } from '../../src/config/env.ts';
import { othersCanEnter } from '../support/other-users.ts';
import { ROOT, type Run, runIsobar } from '../support/run-isobar.ts';

// `isobar` as a user meets it (bin/isobar), each case a process of its own. Every case fails
// before any database is opened, so they run side by side.

const VERSION = (JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')) as { version: string })
  .version;
/** Never reached: where a case would open the database by mistake, it fails fast and says so. */
const NOWHERE = { DATABASE_URL: 'postgres://127.0.0.1:1/never' };
const STACK_FRAME = /^\s+at /m;

/** Refused or failed the way the rules say: its status, one line on stderr, nothing on stdout. */
function expectOneLine(run: Run, status: 1 | 2, message: RegExp): void {
  expect({ status: run.code, stderr: run.stderr }).toMatchObject({ status });
  expect(run.stderr).toMatch(/^isobar: [^\n]+\n$/);
  expect(run.stderr).toMatch(message);
  expect(run.stderr).not.toMatch(STACK_FRAME);
  expect(run.stdout).toBe('');
}

const TIMEOUT = 60_000; // a process start each, on a machine that may be busy

describe.concurrent('isobar refuses what a user gets wrong: one line, status 2', () => {
  it.each([
    [['--bogus'], {}, /^isobar: unknown option '--bogus'/],
    [['seed', '--bogus'], {}, /^isobar: unknown option '--bogus' \(isobar seed --help\)$/m],
    [['migrate', 'extra'], {}, /too many arguments for 'migrate'.*\(isobar migrate --help\)$/m],
    [['geo', '81.2.69.142', 'extra'], {}, /too many arguments for 'geo'/],
    [['sed'], {}, /^isobar: unknown command 'sed' \(Did you mean seed\?\)$/m],
    [[], {}, /^isobar: missing command \(isobar --help lists them\)$/m],
    [['token'], {}, /^isobar: missing command \(isobar token --help lists them\)$/m],
    [
      ['seed', '--demo', '-5'],
      {},
      /^isobar: --demo takes a whole number of places \(0 or more\), not "-5"$/m,
    ],
    [['seed', '--demo'], {}, /^isobar: option '--demo <N>' argument missing/],
    [
      ['serve', '--port', '70000'],
      {},
      /^isobar: --port takes a whole number .*\(0 to 65535\), not "70000"$/m,
    ],
    [['serve', '--host', 'not a host'], {}, /^isobar: --host must be an IP address or a host name/],
    [['geo', 'not-an-ip'], {}, /^isobar: "not-an-ip" is not a valid IP address/],
    [['geo'], {}, /^isobar: missing required argument 'ip'/],
    [
      ['serve'],
      { HOST: 'not a host' },
      /^isobar: invalid configuration: HOST: must be an IP address/,
    ],
    [['migrate'], { HOST: '999.1.1.1', PORT: 'eighty' }, /: HOST: must be .*; PORT: /],
    [['ingest', 'nowhere'], {}, /^isobar: isobar ingest: no provider "nowhere"; known: /],
    // Before the database (unreachable here) is even asked.
    [['serve'], { PROVIDERS: 'bogus' }, /^isobar: PROVIDERS: no provider "bogus"; known: /],
    [['serve'], { PROVIDERS: 'demo,open-meteo' }, /PROVIDERS: demo stands alone/],
  ])('%j %j', { timeout: TIMEOUT }, async (args, env, message) => {
    expectOneLine(await runIsobar(args, { ...NOWHERE, ...env }), 2, message);
  });
});

describe.concurrent('isobar says what failed at run time: one line, status 1', () => {
  let busy: Server;
  let busyPort: number;
  beforeAll(async () => {
    busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    busyPort = (busy.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => busy.close(() => resolve())));

  it('unreachable database', { timeout: TIMEOUT }, async () => {
    const run = await runIsobar(['migrate'], NOWHERE);
    expectOneLine(
      run,
      1,
      /^isobar: cannot reach the database: connect ECONNREFUSED 127\.0\.0\.1:1$/m,
    );
  });

  it('an unreachable database, found by the process that prepares it', {
    timeout: TIMEOUT,
  }, async () => {
    // serve prepares in a child process while it loads the server: the child's failure is the
    // command's one line, as a failure of its own would be.
    const run = await runIsobar(['serve', '--port', '0'], { ...NOWHERE, GEOLOCATION: 'edge' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^isobar: database: connect ECONNREFUSED 127\.0\.0\.1:1\n$/);
  });

  it('a port in use', { timeout: TIMEOUT }, async () => {
    const run = await runIsobar(['serve', '--port', String(busyPort)], NOWHERE);
    expectOneLine(
      run,
      1,
      new RegExp(`cannot listen on 127\\.0\\.0\\.1:${busyPort}: the port is in use`),
    );
  });

  it('a port the user may not bind (serve --port 1)', { timeout: TIMEOUT }, async (ctx) => {
    const lowest = Number(readFileSync('/proc/sys/net/ipv4/ip_unprivileged_port_start', 'utf8'));
    if (lowest <= 1) ctx.skip(); // this machine lets anyone bind port 1
    // As root, the command runs as nobody: root may bind any port. Nobody must then be able to
    // reach the checkout (a fresh clone in a private mktemp directory is out of its reach).
    const root = process.getuid?.() === 0;
    if (root && !othersCanEnter(ROOT)) {
      console.warn(`[isobar tests] ${ROOT} is closed to other users: serve --port 1 not run`);
      ctx.skip();
    }
    const asNobody = root ? { uid: 65534, gid: 65534 } : {};
    const run = await runIsobar(['serve', '--port', '1'], NOWHERE, ROOT, asNobody);
    expectOneLine(run, 1, /^isobar: cannot listen on 127\.0\.0\.1:1: permission denied/m);
  });

  it.each([
    [['--verbose', 'migrate'], {}],
    [['migrate'], { LOG_LEVEL: 'debug' }],
  ])('%j %j adds the stack trace', { timeout: TIMEOUT }, async (args, env) => {
    const run = await runIsobar(args, { ...NOWHERE, ...env });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^isobar: cannot reach the database/);
    expect(run.stderr).toMatch(STACK_FRAME);
  });
});

/** Every command and subcommand, as the program declares them. */
function commandsOf(c: Command, path: string[] = []): [string[], Command][] {
  return c.commands.flatMap((sub) => {
    const here = [...path, sub.name()];
    return [[here, sub] as [string[], Command], ...commandsOf(sub, here)];
  });
}

describe.concurrent('isobar tells its version and how each command is used', () => {
  const program = createProgram(async () => {}, VERSION);

  it('--version prints the version of package.json', { timeout: TIMEOUT }, async () => {
    expect(await runIsobar(['--version'], {})).toEqual({
      code: 0,
      stdout: `${VERSION}\n`,
      stderr: '',
    });
  });

  it('--help lists every command', { timeout: TIMEOUT }, async () => {
    const run = await runIsobar(['--help'], {});
    expect(run).toMatchObject({ code: 0, stderr: '' });
    for (const c of program.commands)
      expect(run.stdout).toMatch(new RegExp(`^  ${c.name()}\\b`, 'm'));
    expect(run.stdout).toMatch(/Exit status: 0 done, 1 failed .*\n2 refused/s);
  });

  it.each(commandsOf(program))(
    '%j --help: its options and environment',
    { timeout: TIMEOUT },
    async (path, c) => {
      const run = await runIsobar([...path, '--help'], {});
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(run.stdout).toMatch(new RegExp(`^Usage: isobar ${path.join(' ')} `));
      for (const option of c.options) expect(run.stdout).toContain(option.flags);
      const env = commandEnv(c);
      expect(env).toContain('LOG_LEVEL');
      for (const key of env) {
        const description = ENV_SCHEMA.shape[key].description!;
        expect(run.stdout).toContain(
          `  ${key.padEnd(Math.max(...env.map((k) => k.length)))}  ${description}`,
        );
      }
    },
  );
});
