import { execFile, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** This checkout: where `src/cli/main.ts` is. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The command users run: bin/isobar, which runs this checkout's sources on Node. */
export const BIN = fileURLToPath(new URL('../../bin/isobar', import.meta.url));

/**
 * Node's arguments for `isobar …` from `root`: this checkout's command, or another release's
 * sources through tsx (v0.1.0 has TypeScript that Node cannot strip: parameter properties).
 */
export function isobarArgv(args: readonly string[], root = ROOT): string[] {
  return root === ROOT ? [BIN, ...args] : ['--import', 'tsx', 'src/cli/main.ts', ...args];
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * `isobar …` as an operator runs it, in a process of its own, against `env.DATABASE_URL`; `root`
 * is the checkout whose CLI runs (another release's extract, for upgrade tests).
 */
export function runIsobar(
  args: string[],
  env: Record<string, string>,
  root = ROOT,
  options: { uid?: number; gid?: number; timeout?: number; cwd?: string } = {},
): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      isobarArgv(args, root),
      {
        timeout: 120_000,
        ...options,
        cwd: options.cwd ?? root,
        // PROVIDERS=none: no command a test runs asks a provider on the internet.
        env: { ...process.env, DATA_DIR: '', LOG_LEVEL: 'silent', PROVIDERS: 'none', ...env },
        maxBuffer: 16 * 1024 * 1024,
      },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const HOLDER = fileURLToPath(new URL('./hold-database.ts', import.meta.url));

export interface Holder {
  pid: number;
  /** Closes the database, then exits. */
  close(): Promise<number | null>;
  /** Exits at once without closing, as a crash past the exit handlers would not. */
  exit(): Promise<number | null>;
  /** SIGKILL: nothing of the process runs again, its lock stays behind. */
  kill(): Promise<number | null>;
}

/** Another process that opens a DSN (and migrates it, if asked) and holds it until told to let go. */
export async function holdDatabase(
  dsn: string,
  options: { migrate?: boolean } = {},
): Promise<Holder> {
  const args = [HOLDER, dsn, ...(options.migrate ? ['migrate'] : [])];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('open\n')) resolve();
    });
    exited.then((code) => reject(new Error(`holder exited with ${code} before opening ${dsn}`)));
  });
  const say = (word: string) => {
    child.stdin!.end(`${word}\n`);
    return exited;
  };
  return {
    pid: child.pid!,
    close: () => say('close'),
    exit: () => say('exit'),
    kill: () => {
      child.kill('SIGKILL');
      return exited;
    },
  };
}
