// Instructions a process executes, counted by valgrind's callgrind: the same count for the same
// work however busy the machine is, where time on this VM varies by half from one run to the
// next. A count says nothing of cache misses or waiting, so the benches print it beside time,
// never instead of it.
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Counted {
  /** A script that runs its arguments' program under callgrind, to start in its place. */
  wrapper: string;
  /**
   * Instructions the process executed (all its threads) while `work` ran. `wake` gives the
   * process something to do: callgrind reads its commands only while the process runs.
   */
  count(work: () => Promise<void>, wake: () => Promise<void>): Promise<number>;
  dispose(): void;
}

/** A wrapper that runs `program` under callgrind, counting from the moment it is reset. */
export function countedProgram(program: string): Counted {
  const dir = mkdtempSync(join(tmpdir(), 'isobar-callgrind-'));
  const wrapper = join(dir, 'run.sh');
  // exec keeps the shell's pid, so the pid written is valgrind's.
  writeFileSync(
    wrapper,
    `#!/bin/sh\necho $$ > ${dir}/pid\nexec valgrind -q --tool=callgrind --smc-check=all-non-file --callgrind-out-file=${dir}/out.%p ${program} "$@"\n`,
  );
  chmodSync(wrapper, 0o755);
  const pid = () => readFileSync(join(dir, 'pid'), 'utf8').trim();
  const control = async (flag: string, wake: () => Promise<void>) => {
    const child = spawn('callgrind_control', [flag, pid()], { stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    while (child.exitCode === null) {
      await wake();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    if ((await exited) !== 0) throw new Error(`callgrind_control ${flag} failed`);
  };
  const dumps = () => readdirSync(dir).filter((name) => name.startsWith('out.'));
  return {
    wrapper,
    async count(work, wake) {
      await control('-z', wake);
      await work();
      const before = new Set(dumps());
      await control('-d', wake);
      const dump = dumps().find((name) => !before.has(name));
      if (!dump) throw new Error(`callgrind wrote no dump to ${dir}`);
      const text = readFileSync(join(dir, dump), 'utf8');
      const total = /^(?:totals|summary): (\d+)/m.exec(text)?.[1];
      if (!total) throw new Error(`no instruction total in ${dump}`);
      return Number(total);
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
