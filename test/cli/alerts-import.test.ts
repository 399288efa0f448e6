import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/ingest/catalog/catalog-load.ts';
import { migrate, openDatabase } from '../../src/store/index.ts';
import { findPlaceWeather } from '../../src/store/weather/place-weather.ts';
import { alertFixture } from '../support/alert-fixtures.ts';
import { FIXTURE_PLACES } from '../support/fixture.ts';
import { runIsobar } from '../support/run-isobar.ts';

const dir = mkdtempSync(join(tmpdir(), 'isobar-alerts-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The MeteoAlarm fixture's CAP message, in force now (its times moved to today). */
function inForceFile(): string {
  const iso = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
  const xml = alertFixture('meteoalarm-gb-wind.cap.xml')
    .replace(/<onset>[^<]+/, `<onset>${iso(-1)}`)
    .replace(/<expires>[^<]+/, `<expires>${iso(12)}`);
  const file = join(dir, 'wind.cap.xml');
  writeFileSync(file, xml);
  return file;
}

describe('isobar alerts import', () => {
  it('stores a CAP file through the write path and says where warnings changed', {
    timeout: 120_000,
  }, async () => {
    const dsn = `pglite:${join(dir, 'db')}`;
    const db = await openDatabase(dsn);
    await migrate(db);
    await loadCatalog(db, FIXTURE_PLACES);
    await db.close();

    const run = await runIsobar(['alerts', 'import', inForceFile()], { DATABASE_URL: dsn });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^read 1 CAP message\(s\), 1 new; warnings changed at 2 place\(s\): /,
    );
    expect(run.stdout).toContain('GB/London');

    const again = await openDatabase(dsn);
    try {
      const london = await findPlaceWeather(again, 'GB', 'london', new Date());
      expect(london?.alerts?.map((a) => [a.event, a.issuer])).toEqual([
        ['Yellow Wind Warning', 'Met Office'],
      ]);
    } finally {
      await again.close();
    }
  });

  it('refuses wrong arguments with a usage error naming the problem', async () => {
    const env = { DATABASE_URL: `pglite:${join(dir, 'unused')}` };
    const none = await runIsobar(['alerts', 'import'], env);
    expect([none.code, none.stderr]).toEqual([
      2,
      expect.stringMatching(/missing required argument 'files'/),
    ]);
    const missing = await runIsobar(['alerts', 'import', join(dir, 'nope.xml')], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*nope\.xml: ENOENT/);
    const notCap = join(dir, 'not-cap.xml');
    writeFileSync(notCap, '<html><body>hello</body></html>');
    const wrong = await runIsobar(['alerts', 'import', notCap], env);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/not-cap\.xml: the alert feed is neither RSS nor Atom/);
  });
});
