import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCK_FILE, lockDirectory, servingSocket } from './directory-lock.ts';
import { StoreRefusal } from './store-refusal.ts';

let dir: string;
let lockPath: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'isobar-lock-'));
  lockPath = join(dir, LOCK_FILE);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const holderOf = () => JSON.parse(readFileSync(lockPath, 'utf8')) as { pid: number; host: string };
const writeLock = (pid: number, host = hostname()) =>
  writeFileSync(lockPath, JSON.stringify({ pid, host, since: '2026-01-01T00:00:00.000Z' }));

/** A pid that was alive a moment ago and is not now. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('lockDirectory', () => {
  it('holds our pid while held and removes the file on release', () => {
    const lock = lockDirectory(dir);
    expect(holderOf()).toMatchObject({ pid: process.pid, host: hostname() });
    lock.release();
    expect(existsSync(lockPath)).toBe(false);
    lock.release();
    // Free again: taken and released a second time.
    lockDirectory(dir).release();
  });

  it('refuses the same directory twice in one process', () => {
    const lock = lockDirectory(dir);
    try {
      expect(() => lockDirectory(join(dir, '.'))).toThrow(`${dir} is already open in this process`);
    } finally {
      lock.release();
    }
  });

  it('refuses a live holder, naming the directory, the pid and the lock file', () => {
    writeLock(process.ppid);
    const err = (() => {
      try {
        lockDirectory(dir);
      } catch (e) {
        return e as Error;
      }
    })();
    expect(err).toBeInstanceOf(StoreRefusal);
    expect(err?.message).toContain(`the data directory ${dir} is in use by another isobar process`);
    expect(err?.message).toContain(`pid ${process.ppid} on this host`);
    expect(err?.message).toContain(`delete ${lockPath}`);
    expect(holderOf().pid).toBe(process.ppid);
  });

  it('takes over a lock whose process is gone, or that is not a lock at all', () => {
    writeLock(deadPid());
    lockDirectory(dir).release();
    writeFileSync(lockPath, 'garbage');
    const lock = lockDirectory(dir);
    expect(holderOf().pid).toBe(process.pid);
    lock.release();
  });

  it('takes over a lock naming our own pid that this process does not hold', () => {
    // What a container restarted as pid 1 finds, left by the pid 1 before it.
    writeLock(process.pid);
    lockDirectory(dir).release();
  });

  it('believes a holder on another host only while it keeps the file fresh', () => {
    writeLock(1, 'elsewhere.example');
    expect(() => lockDirectory(dir)).toThrow(/pid 1 on host elsewhere\.example/);
    const aMinuteAgo = new Date(Date.now() - 60_000);
    utimesSync(lockPath, aMinuteAgo, aMinuteAgo);
    const lock = lockDirectory(dir);
    expect(holderOf().host).toBe(hostname());
    lock.release();
  });

  it('leaves no draft or stale files behind', () => {
    writeLock(deadPid());
    const lock = lockDirectory(dir);
    lock.release();
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('servingSocket', () => {
  const writeServing = (pid: number, host = hostname()) =>
    writeFileSync(
      lockPath,
      JSON.stringify({ pid, host, since: '2026-01-01T00:00:00.000Z', socket: '/run/x' }),
    );

  it('finds the socket a holder announced, in one replacement of the lock', () => {
    const lock = lockDirectory(dir);
    expect(servingSocket(dir)).toBeUndefined();
    lock.announce('/run/isobar');
    expect(holderOf()).toMatchObject({ pid: process.pid, socket: '/run/isobar' });
    expect(servingSocket(dir)).toBe('/run/isobar');
    expect(readdirSync(dir)).toEqual([LOCK_FILE]);
    lock.release();
    expect(existsSync(lockPath)).toBe(false);
    expect(servingSocket(dir)).toBeUndefined();
  });

  it("trusts only a live holder on this host: a dead one's socket, or another host's, is no way in", () => {
    writeServing(process.ppid);
    expect(servingSocket(dir)).toBe('/run/x');
    writeServing(deadPid());
    expect(servingSocket(dir)).toBeUndefined();
    writeServing(process.ppid, 'elsewhere.example');
    expect(servingSocket(dir)).toBeUndefined();
  });
});
