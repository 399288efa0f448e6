import { describe, expect, it, vi } from 'vitest';
import { drivers } from '../../../test/support/databases.ts';
import { FIXTURE_NOW, json, useTestOrigin } from '../../../test/support/fixture.ts';
import { createIsobarApp } from '../../runtime/isobar-app.ts';
import { statement } from '../../store/database.ts';
import { HEALTH_CACHE_MS, HEALTH_STALE_MS } from './health-check.ts';

describe.each(drivers)('/healthz on $name', (driver) => {
  const origin = useTestOrigin(driver);
  const it_ = it.skipIf(driver.skip);
  const queries = () => origin().counter('isobar_db_queries_total');

  /** An app on the fixture's database with a clock of the test's own. */
  function appAt(clock: { now: number }) {
    const { t, metrics } = origin();
    return createIsobarApp({ db: t.db, metrics, now: () => clock.now, log: { error() {} } });
  }

  /** Runs `fn` with the regions table gone (renamed), as a damaged schema; puts it back after. */
  async function withoutRegions(fn: () => Promise<void>) {
    const { db } = origin().t;
    const rename = (from: string, to: string) =>
      db.run(statement(`test_rename_${from}`, `ALTER TABLE ${from} RENAME TO ${to}`));
    await rename('regions', 'regions_away');
    try {
      await fn();
    } finally {
      await rename('regions_away', 'regions');
    }
  }

  it_('asks the database at most once a second, however often it is asked', async () => {
    const clock = { now: FIXTURE_NOW };
    const app = appAt(clock);
    const before = await queries();
    expect(await json(await app.request('/healthz'))).toEqual({ status: 'ok' });
    const once = (await queries()) - before;
    expect(once).toBeGreaterThan(0);
    // Six probes at once, and more within the second: not one more query.
    const answers = await Promise.all(Array.from({ length: 6 }, () => app.request('/healthz')));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    clock.now += HEALTH_CACHE_MS - 1;
    expect((await app.request('/healthz')).status).toBe(200);
    expect((await queries()) - before).toBe(once);
    // A second on, the answer of the last is given while a new one is asked for, once.
    clock.now += 1;
    const answers2 = await Promise.all([app.request('/healthz'), app.request('/healthz')]);
    expect(answers2.map((r) => r.status)).toEqual([200, 200]);
    await vi.waitFor(async () => expect((await queries()) - before).toBe(2 * once));
    expect((await app.request('/healthz')).status).toBe(200);
    expect((await queries()) - before).toBe(2 * once);
  });

  it_('waits for a new answer once the last is older than it may be given', async () => {
    const clock = { now: FIXTURE_NOW };
    const app = appAt(clock);
    expect((await app.request('/healthz')).status).toBe(200);
    await withoutRegions(async () => {
      clock.now += HEALTH_STALE_MS;
      expect((await app.request('/healthz')).status).toBe(503);
    });
  });

  it_('checks the database now at ?deep=1, every time', async () => {
    const app = appAt({ now: FIXTURE_NOW });
    expect((await app.request('/healthz')).status).toBe(200);
    const before = await queries();
    for (let i = 0; i < 3; i++) {
      const res = await app.request('/healthz?deep=1');
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
    expect((await queries()) - before).toBeGreaterThanOrEqual(3);
    const bad = await app.request('/healthz?deep=yes');
    expect(bad.status).toBe(400);
    expect((await json(bad)).detail).toBe('query parameter "deep" must be 1 (or left out)');
  });

  it_('gives what the deep check found to the probes of the next second', async () => {
    const clock = { now: FIXTURE_NOW };
    const app = appAt(clock);
    expect((await app.request('/healthz')).status).toBe(200);
    await withoutRegions(async () => {
      // The probe is told the answer of its second; the operator's deep check sees the damage,
      // and from then on so do the probes.
      expect((await app.request('/healthz')).status).toBe(200);
      const deep = await app.request('/healthz?deep=1');
      expect(deep.status).toBe(503);
      expect((await json(deep)).database).toMatch(/regions/);
      expect((await app.request('/healthz')).status).toBe(503);
    });
  });
});
