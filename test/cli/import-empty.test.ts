import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findPlaceByKey } from '../../src/store/catalog/locations.ts';
import { openDatabase } from '../../src/store/index.ts';
import { dailySummariesBetween } from '../../src/store/weather/daily.ts';
import { SEATTLE_ARGS, SEATTLE_CSV } from '../support/import-files.ts';
import { runIsobar } from '../support/run-isobar.ts';

// A new user's first command may be an import, before `isobar serve` ever ran.
const dir = mkdtempSync(join(tmpdir(), 'isobar-import-empty-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Three days of the README's Seattle file, with its header. */
function threeDays(): string {
  const lines = readFileSync(SEATTLE_CSV, 'utf8').split('\n');
  const file = join(dir, 'three-days.csv');
  const days = lines.filter((l) => /^2015-0(5-31|6-01|6-02),/.test(l));
  writeFileSync(file, `${[lines[0], ...days].join('\n')}\n`);
  return file;
}

// Loading the whole catalog takes 15 s alone, minutes on two busy cores.
const importInto = (dsn: string, ...extra: string[]) =>
  runIsobar(
    ['import', threeDays(), ...SEATTLE_ARGS.slice(1), ...extra],
    { DATABASE_URL: dsn },
    undefined,
    { timeout: 400_000 },
  );

describe('isobar import into a new, empty database', () => {
  it('prepares it first (migrations, the catalog), saying so, then imports', async () => {
    const dsn = `pglite:${join(dir, 'new')}`;
    const run = await importInto(dsn);
    expect(run.stderr).not.toMatch(/does not exist/);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      /^isobar import: the database is not prepared yet: applying the migrations and loading the place catalog/m,
    );
    expect(run.stderr).toMatch(/^isobar import: catalog: \d{6} places added/m);
    expect(run.stdout).toMatch(/inserted\s+3\b/);

    const db = await openDatabase(dsn);
    try {
      const seattle = (await findPlaceByKey(db, 'US', 'seattle'))!;
      const days = await dailySummariesBetween(db, seattle.id, '2015-05-31', '2015-06-02');
      expect(days.map((d) => [d.date, d.temperatureMaxC])).toEqual([
        ['2015-05-31', expect.closeTo(25.0, 4)],
        ['2015-06-01', expect.closeTo(16.1, 4)],
        ['2015-06-02', expect.closeTo(17.8, 4)],
      ]);
    } finally {
      await db.close();
    }

    // Prepared once: the next import says nothing of it.
    const again = await importInto(dsn);
    expect(again.code).toBe(0);
    expect(again.stderr).not.toMatch(/not prepared/);
    expect(again.stdout).toMatch(/unchanged\s+3\b/);
  }, 500_000);

  it('refuses a dry run there in one line that says what to run, storing nothing', async () => {
    const dsn = `pglite:${join(dir, 'dry')}`;
    const run = await importInto(dsn, '--dry-run');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(
        /^isobar import: the database is not prepared yet .* run `isobar seed --demo 0` first, or the import without --dry-run$/,
      ),
    ]);
    const status = await runIsobar(['migrate', '--status'], { DATABASE_URL: dsn });
    expect(status.stdout).toMatch(/\b0 applied\b/);
  }, 120_000);
});
