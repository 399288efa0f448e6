import { execFileSync } from 'node:child_process';
import { ROOT } from './run-isobar.ts';

/**
 * Vitest global setup: compiles dist/ once before the tests, when it is missing or older than
 * the sources, so that tests run `isobar` as users do (bin/isobar, plain JavaScript), quickly.
 */
export function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs', '--if-stale'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}
