import { randomBytes } from 'node:crypto';
import {
  linkSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { StoreRefusal } from './store-refusal.ts';

/** The lock's name inside the directory it guards; `uninstall` removes it with the directory. */
export const LOCK_FILE = 'isobar.lock';

// A holder on another host cannot be asked whether it lives: it touches the file instead, and a
// lock nobody touched for this long is taken over.
const TOUCH_MS = 10_000;
const FOREIGN_STALE_MS = 30_000;

interface Holder {
  pid: number;
  host: string;
  since: string;
  /** Where the holder serves the database to other processes of its user (a socket's folder). */
  socket?: string;
}

export interface DirectoryLock {
  readonly path: string;
  /** Records in the lock where the holder serves the database, for `servingSocket` to find. */
  announce(socket: string): void;
  /** Removes the lock if it is still ours; safe to call twice. */
  release(): void;
}

/** Locks held by this process, by lock path, with the content we wrote. */
const held = new Map<string, string>();
let exitHook = false;

/**
 * Takes an exclusive lock on a directory: a file created only if absent, holding our pid. A lock
 * whose process is gone is taken over; a live one refuses us with a message naming the
 * directory. Released on `release()` and when the process exits.
 */
export function lockDirectory(directory: string): DirectoryLock {
  const dir = resolve(directory);
  const path = join(dir, LOCK_FILE);
  if (held.has(path)) throw new StoreRefusal(`${dir} is already open in this process`);
  const mine = JSON.stringify({
    pid: process.pid,
    host: hostname(),
    since: new Date().toISOString(),
  } satisfies Holder);
  for (let attempt = 0; attempt < 5; attempt++) {
    if (create(path, mine)) return hold(path, mine);
    const seen = readOrNull(path);
    if (seen === null) continue; // released between our two looks
    const holder = parse(seen);
    if (holder && alive(holder, path)) throw inUse(dir, path, holder);
    takeOver(path, seen);
  }
  throw new StoreRefusal(`could not lock ${dir}: ${path} keeps changing hands`);
}

function hold(path: string, mine: string): DirectoryLock {
  held.set(path, mine);
  if (!exitHook) {
    exitHook = true;
    process.on('exit', () => {
      for (const p of held.keys()) release(p);
    });
  }
  const timer = setInterval(() => {
    const now = new Date();
    try {
      utimesSync(path, now, now);
    } catch {
      // Gone (an operator removed it): nothing to keep fresh.
    }
  }, TOUCH_MS);
  timer.unref();
  return {
    path,
    announce: (socket) => {
      if (!held.has(path)) return;
      const record = JSON.stringify({ ...(JSON.parse(mine) as Holder), socket } satisfies Holder);
      // Replaced in one step (a rename): a reader sees the old record or the new, never half.
      const draft = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
      writeFileSync(draft, record, { flag: 'wx' });
      renameSync(draft, path);
      held.set(path, record);
    },
    release: () => {
      clearInterval(timer);
      release(path);
    },
  };
}

/**
 * The socket folder a live process holding `directory` on this host announced, or undefined
 * when nobody holds it or the holder serves it to no one.
 */
export function servingSocket(directory: string): string | undefined {
  const path = join(resolve(directory), LOCK_FILE);
  const ours = held.get(path);
  if (ours !== undefined) return parse(ours)?.socket;
  const seen = readOrNull(path);
  const holder = seen === null ? null : parse(seen);
  if (!holder?.socket || holder.host !== hostname() || !alive(holder, path)) return undefined;
  return holder.socket;
}

function release(path: string): void {
  const mine = held.get(path);
  held.delete(path);
  if (mine !== undefined && readOrNull(path) === mine) unlinkQuietly(path);
}

/** Creates the lock with its content in one step: a half-written lock is never seen. */
function create(path: string, content: string): boolean {
  const draft = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(draft, content, { flag: 'wx' });
  try {
    linkSync(draft, path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    unlinkQuietly(draft);
  }
}

function alive(holder: Holder, path: string): boolean {
  if (holder.host !== hostname()) {
    const age = Date.now() - (statOrNull(path)?.mtimeMs ?? 0);
    return age < FOREIGN_STALE_MS;
  }
  // Our own pid, in a lock this process does not hold: left by an earlier process that had the
  // same pid (a container restarted as pid 1).
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Moves a stale lock aside and deletes it. The move is atomic, so of two processes taking over
 * the same stale lock one wins; if what we moved is not what we judged stale, a newer holder got
 * there first, and its lock is put back.
 */
function takeOver(path: string, stale: string): void {
  const aside = `${path}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    renameSync(path, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  if (readOrNull(aside) !== stale) {
    try {
      linkSync(aside, path);
    } catch {
      // A third process locked it meanwhile; it holds the directory now.
    }
  }
  unlinkQuietly(aside);
}

function inUse(dir: string, path: string, holder: Holder): StoreRefusal {
  const where = holder.host === hostname() ? 'on this host' : `on host ${holder.host}`;
  return new StoreRefusal(
    `the data directory ${dir} is in use by another isobar process (pid ${holder.pid} ${where}, ` +
      `since ${holder.since}); two processes on one PGlite directory corrupt it. Stop the ` +
      `other one, or use another directory. If no such process runs, delete ${path}.`,
  );
}

function parse(text: string): Holder | null {
  try {
    const h = JSON.parse(text) as Partial<Holder>;
    if (
      Number.isInteger(h.pid) &&
      typeof h.host === 'string' &&
      typeof h.since === 'string' &&
      (h.socket === undefined || typeof h.socket === 'string')
    )
      return h as Holder;
  } catch {
    // Not ours or damaged: stale.
  }
  return null;
}

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

function statOrNull(path: string) {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone.
  }
}
