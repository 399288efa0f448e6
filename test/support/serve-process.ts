import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { BIN } from './run-isobar.ts';

export interface ServeProcess {
  child: ChildProcess;
  /** `http://127.0.0.1:{port}` */
  base: string;
}

export interface ServeOptions {
  /**
   * What starts it instead of `node bin/isobar serve`, e.g. `['npm', 'start']` as the README
   * says; it then leads a process group of its own, so that stopping the group stops what npm
   * started (see stopServe).
   */
  command?: [string, ...string[]];
  /** The checkout it runs in (this one by default). */
  cwd?: string;
}

/**
 * `isobar serve` in a process of its own on the database at `dsn` (no demo weather at start,
 * no provider, any free port), with `env` added; resolves with its base URL once it listens.
 */
export function serveProcess(
  dsn: string,
  env: Record<string, string> = {},
  options: ServeOptions = {},
): Promise<ServeProcess> {
  const [command, ...args] = options.command ?? [process.execPath, BIN, 'serve'];
  const child = spawn(command, args, {
    cwd: options.cwd,
    detached: options.command !== undefined,
    env: {
      ...process.env,
      DATABASE_URL: dsn,
      PORT: '0',
      HOST: '127.0.0.1',
      DEMO_PLACES: '0',
      LOG_LEVEL: 'info',
      // Never the real Open-Meteo: a test that wants a provider points it at 127.0.0.1.
      PROVIDERS: 'none',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let last = '';
    createInterface({ input: child.stderr! }).on('line', (line) => {
      last = line;
      const port = /(?:listening|serving) on http:\/\/127\.0\.0\.1:(\d+)/.exec(line)?.[1];
      if (port) resolve({ child, base: `http://127.0.0.1:${port}` });
    });
    // What it said last, so that a refusal to start names its reason.
    child.once('close', (code) => reject(new Error(`serve exited with ${code}: ${last}`)));
  });
}

/** Resolves once the process has exited (at once if it already has). */
export const exited = (child: ChildProcess) =>
  new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));

/**
 * SIGTERM to a server started with a `command` (its whole process group: npm, the shell, Node);
 * resolves with the exit code of the process spawned, once it has exited.
 */
export function stopServe({ child }: ServeProcess): Promise<number | null> {
  const done = new Promise<number | null>((resolve) =>
    child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', resolve),
  );
  process.kill(-child.pid!, 'SIGTERM');
  return done;
}
