// Tools the benchmarks drive, from Debian's packages (the only place besides npm that packages
// come from here).
import { execFileSync } from 'node:child_process';

/**
 * Whether `command` is here, installed from Debian's `pkg` first where it is missing. Only a
 * missing binary counts as missing: some tools exit non-zero on `--version` (wrk prints its
 * version and exits 1).
 */
export function haveDebianTool(command: string, pkg = command): boolean {
  const present = () => {
    try {
      execFileSync(command, ['--version'], { stdio: 'ignore' });
      return true;
    } catch (err) {
      return (err as NodeJS.ErrnoException).code !== 'ENOENT';
    }
  };
  if (present()) return true;
  console.log(`installing Debian's ${pkg} (apt-get install ${pkg}) …`);
  try {
    execFileSync('apt-get', ['install', '-y', '-qq', pkg], { stdio: 'inherit' });
  } catch {
    return false;
  }
  return present();
}
