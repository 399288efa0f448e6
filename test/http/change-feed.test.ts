import { describe, expect, it } from 'vitest';
import { CHANGES_PAGE_SIZE } from '../../src/contract/uris/changes-uri.ts';
import { changesAfter, feedHead } from '../../src/store/operations/change-feed.ts';
import { recordChange } from '../../src/store/write/change-record.ts';
import { drivers } from '../support/databases.ts';
import { json } from '../support/fixture.ts';
import { problemOf } from '../support/problem.ts';
import { issueToken } from '../support/tokens.ts';
import { observation as obs, useWriteOrigin } from '../support/write-origin.ts';

describe.each(drivers)('the change feed on $name', (driver) => {
  const origin = useWriteOrigin(driver);
  const it_ = it.skipIf(driver.skip);

  it_(
    'is followed from a cursor through a write, and shows exactly the places written',
    async () => {
      const o = origin();
      const start = await o.get('/v1/changes');
      expect(start.status).toBe(302);
      const tail = start.headers.get('location')!;
      expect(tail).toMatch(/^\/v1\/changes\?after=\d+$/);
      const before = await json(await o.get(tail));
      expect(before).toMatchObject({ changes: [], complete: false, next: tail });

      const token = await issueToken(o.t.db, 'write');
      const rows = [obs('DE/Munchen'), obs('FR/Paris')];
      expect((await o.post('/v1/observations', rows, { token })).status).toBe(200);

      const res = await o.get(before.next);
      expect(res.status).toBe(200);
      // Not full: it grows as writes land, so caches keep it for seconds only.
      expect(res.headers.get('cdn-cache-control')).toBe('public, max-age=5, stale-if-error=60');
      const page = await json(res);
      expect(page.changes).toHaveLength(1);
      const [entry] = page.changes;
      expect(entry.reason).toBe('write');
      expect(entry.places.map((p: { place: string }) => p.place).sort()).toEqual([
        'DE/Munchen',
        'FR/Paris',
      ]);
      expect(entry.places[0]).toMatchObject({ uri: `/${entry.places[0].place}` });
      expect(entry.places.flatMap((p: { days: string[] }) => p.days)).toContain('2026-11-22');
      expect(page.next).toBe(`/v1/changes?after=${entry.cursor}`);
      // Nothing after it yet, and the redirect leads there now.
      expect((await json(await o.get(page.next))).changes).toEqual([]);
      expect((await o.get('/v1/changes')).headers.get('location')).toBe(page.next);
    },
  );

  it_('answers a full page as immutable, and pages on to the newest', async () => {
    const o = origin();
    await o.t.db.transaction(async (tx) => {
      for (let i = 0; i < CHANGES_PAGE_SIZE + 1; i++) {
        await recordChange(tx, { places: [i % 2 ? 'GB/London' : 'FR/Paris'], days: [] }, 'import');
      }
    });
    // From the oldest change kept (the fixture's own writes come first).
    const path = '/v1/changes?after=0';
    await expect
      .poll(async () => (await json(await o.get(path))).complete, { timeout: 10_000 })
      .toBe(true);
    const res = await o.get(path);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const page = await json(res);
    expect(page.changes).toHaveLength(CHANGES_PAGE_SIZE);
    const cursors = page.changes.map((c: { cursor: string }) => c.cursor);
    expect(new Set(cursors).size).toBe(CHANGES_PAGE_SIZE);
    let next = page;
    for (let pages = 0; next.complete && pages < 10; pages++)
      next = await json(await o.get(next.next));
    expect(next.complete).toBe(false);
    expect(next.changes.at(-1)?.reason).toBe('import');
  });

  it_('refuses a cursor it did not write, and says when one is no longer kept', async () => {
    const o = origin();
    const bad = await o.get('/v1/changes?after=latest');
    expect(bad.status).toBe(400);
    expect((await problemOf(bad)).detail).toMatch(/query parameter "after" must be a cursor/);
    const gone = await o.get('/v1/changes?after=999999');
    expect(gone.status).toBe(410);
    expect((await problemOf(gone)).detail).toMatch(/no change 999999 is kept.*\/v1\/changes/);
  });
});

describe.skipIf(drivers[1]!.skip)('the change feed on postgres, between transactions', () => {
  const origin = useWriteOrigin(drivers[1]!);

  it('numbers entries as their writes commit, so a follower past one misses none', async () => {
    const db = origin().t.db;
    const head = await feedHead(db);
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let logged!: () => void;
    const first = new Promise<void>((resolve) => {
      logged = resolve;
    });
    // The first write logs its change (taking the lower id) and stays open...
    const slow = db.transaction(async (tx) => {
      await recordChange(tx, { places: ['GB/London'], days: [] }, 'write');
      logged();
      await held;
    });
    await first;
    // ...while a second logs and commits: a follower sees it, and moves past it.
    await db.transaction((tx) => recordChange(tx, { places: ['FR/Paris'], days: [] }, 'write'));
    const seen = await changesAfter(db, head, 10);
    expect(seen.map((e) => e.places)).toEqual([['FR/Paris']]);
    release();
    await slow;
    // The first write, committed later, comes after it: not lost behind the follower's cursor.
    const next = await changesAfter(db, seen.at(-1)!, 10);
    expect(next.map((e) => e.places)).toEqual([['GB/London']]);
  });
});
