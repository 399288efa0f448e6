import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { BIN } from './run-isobar.ts';

export interface ServeProcess {
  child: ChildProcess;
  /** `http://127.0.0.1:{port}` */
  base: string;
}

/**
 * `isobar serve` in a process of its own on the database at `dsn` (no demo weather at start,
 * no provider, any free port), with `env` added; resolves with its base URL once it listens.
 */
export function serveProcess(dsn: string, env: Record<string, string> = {}): Promise<ServeProcess> {
  const child = spawn(process.execPath, [BIN, 'serve'], {
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
    createInterface({ input: child.stderr! }).on('line', (line) => {
      const port = /(?:listening|serving) on http:\/\/127\.0\.0\.1:(\d+)/.exec(line)?.[1];
      if (port) resolve({ child, base: `http://127.0.0.1:${port}` });
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
}

/** Resolves once the process has exited (at once if it already has). */
export const exited = (child: ChildProcess) =>
  new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)));
