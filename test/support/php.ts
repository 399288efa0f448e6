import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

/** Debian's php-cli with its curl extension (`apt-get install php-cli php-curl`). */
export const PHP = process.env.PHP_PATH ?? 'php';
export const HAVE_PHP =
  spawnSync(PHP, ['-r', 'exit(extension_loaded("curl") ? 0 : 1);'], { stdio: 'ignore' }).status ===
  0;
if (!HAVE_PHP && process.env.ISOBAR_REQUIRE_PHP === '1') {
  throw new Error(
    `ISOBAR_REQUIRE_PHP=1 but there is no "${PHP}" with the curl extension (apt-get install php-cli php-curl)`,
  );
}
if (!HAVE_PHP)
  console.warn(
    `[isobar tests] no "${PHP}" with the curl extension: the PHP consumer test is skipped (apt-get install php-cli php-curl)`,
  );

export interface PhpServer {
  pid: number;
  /** `http://127.0.0.1:{port}` */
  base: string;
  /** Stops the server (by its PID) and removes its temporary directory. */
  stop(): Promise<void>;
}

/**
 * `php -S 127.0.0.1:0 -t {docroot}`, reporting every PHP error in its output, with `env` added to its environment and a temporary
 * directory of its own (TMPDIR, so `sys_get_temp_dir()` holds nothing from another run).
 */
export function startPhpServer(docroot: string, env: Record<string, string>): Promise<PhpServer> {
  const tmp = mkdtempSync(join(tmpdir(), 'isobar-php-'));
  // Every notice, warning and deprecation printed into the page, where a test sees it.
  const strict = ['-d', 'error_reporting=-1', '-d', 'display_errors=1'];
  const child = spawn(PHP, [...strict, '-S', '127.0.0.1:0', '-t', docroot], {
    env: { ...process.env, ...env, TMPDIR: tmp },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) process.kill(child.pid!, 'SIGTERM');
    await exited;
    rmSync(tmp, { recursive: true, force: true });
  };
  return new Promise((resolve, reject) => {
    let said = '';
    const lines = createInterface({ input: child.stderr! });
    lines.on('line', (line) => {
      said += `${line}\n`;
      // "[…] PHP 8.2.36 Development Server (http://127.0.0.1:41135) started"
      const port = /Development Server \(http:\/\/127\.0\.0\.1:(\d+)\) started/.exec(line)?.[1];
      if (port) resolve({ pid: child.pid!, base: `http://127.0.0.1:${port}`, stop });
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`php -S exited with ${code}: ${said}`)));
  });
}
