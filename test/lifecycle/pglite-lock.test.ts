import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../src/store/directory-lock.ts';
import { migrate, openDatabase, statement } from '../../src/store/index.ts';
import { StoreRefusal } from '../../src/store/store-refusal.ts';
import { holdDatabase, runIsobar } from '../support/run-isobar.ts';

// Finding 3: two origins on one PGlite directory corrupted it. Real processes, a real directory.
describe('one PGlite data directory, one process', () => {
  let parent: string;
  let dir: string;
  let dsn: string;
  let lockPath: string;
  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'isobar-pglite-lock-'));
    dir = join(parent, 'isobar');
    dsn = `pglite:${dir}`;
    lockPath = join(dir, LOCK_FILE);
  });
  afterAll(() => rm(parent, { recursive: true, force: true }));

  it('refuses a second process, naming the directory, and unlocks when the first closes', async () => {
    const first = await holdDatabase(dsn);
    try {
      const second = await runIsobar(['migrate'], { DATABASE_URL: dsn });
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(
        `isobar: the data directory ${dir} is in use by another isobar process (pid ${first.pid} ` +
          'on this host',
      );
      expect(second.stderr).not.toMatch(/\n\s+at /); // a sentence, not a stack trace
      await expect(openDatabase(dsn)).rejects.toThrow(StoreRefusal);
    } finally {
      expect(await first.close()).toBe(0);
    }
    expect(existsSync(lockPath)).toBe(false);
  });

  it('takes over the lock of a process that was killed, and releases its own on exit', async () => {
    const killed = await holdDatabase(dsn);
    await killed.kill();
    expect(JSON.parse(readFileSync(lockPath, 'utf8')).pid).toBe(killed.pid);
    // The stale lock does not stand in the way, and the data is whole.
    const db = await openDatabase(dsn);
    expect(JSON.parse(readFileSync(lockPath, 'utf8')).pid).toBe(process.pid);
    expect(await migrate(db)).toBeGreaterThan(0);
    expect(
      await db.column<string>(statement('probe', 'SELECT count(*)::text FROM locations')),
    ).toEqual(['0']);
    await db.close();
    expect(existsSync(lockPath)).toBe(false);

    const exited = await holdDatabase(dsn);
    expect(existsSync(lockPath)).toBe(true);
    expect(await exited.exit()).toBe(0);
    expect(existsSync(lockPath)).toBe(false);
  });
});
