import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { printable } from '../../src/ingest/import/printable.ts';
import { drivers } from '../support/databases.ts';
import { FIXTURE_NOW, json } from '../support/fixture.ts';
import { runProperty } from '../support/hostile-inputs.ts';
import { runInProcess, useImportDatabase, useTempFiles } from '../support/import-files.ts';
import { issueToken } from '../support/tokens.ts';
import { useWriteOrigin } from '../support/write-origin.ts';
import { type HostileRow, hostileRow } from './hostile-rows.ts';

// Case counts per property; each class of row (ids, times, next updates, widths, control
// characters in names) comes up several times in each.
const RUNS = { api: 60, import: 15 };

/** A good observation for a clock at `now`, with one hostile field (or a few) laid over it. */
const rowOf = ({ row }: HostileRow, now: number) => ({
  place: 'GB/London',
  source: 'hostile',
  observed_at: new Date(now - 3_600_000).toISOString(),
  condition: 'clear',
  temperature_c: 5,
  ...row(now),
});

// Rows a source may send that a store cannot hold or would hold moved: through the write API,
// each answered 200 or 422 and never 5xx, refused where it must be with its field named; through
// `isobar import`, each record counted once, and no control character reaching the terminal.
describe.each(drivers)('hostile rows on $name', (driver) => {
  const origin = useWriteOrigin(driver);
  const it_ = it.skipIf(driver.skip);

  it_('answers any hostile row 200 or 422, refused where it must be', async () => {
    const token = await issueToken(origin().t.db, 'write');
    await runProperty(`rows (api, ${driver.name})`, hostileRow, RUNS.api, async (hostile) => {
      const res = await origin().post('/v1/observations', [rowOf(hostile, FIXTURE_NOW)], {
        token,
      });
      const body = await json(res);
      expect([200, 422], `${hostile.what} → ${res.status}`).toContain(res.status);
      if (!hostile.expected.refused) return;
      expect(res.status, hostile.what).toBe(422);
      if (hostile.expected.field !== undefined) {
        expect(
          body.errors.map((e: { field: string }) => e.field),
          hostile.what,
        ).toContain(hostile.expected.field);
      }
    });
  });

  const files = useTempFiles();
  const inTx = useImportDatabase(driver);

  it_(
    'imports any file of hostile rows counting each once, with nothing raw on the terminal',
    inTx(async (tx) => {
      const now = Date.now();
      const file = fc.array(hostileRow, { minLength: 1, maxLength: 6 });
      await runProperty(`rows (import, ${driver.name})`, file, RUNS.import, async (rows) => {
        const text = rows.map((r) => JSON.stringify(rowOf(r, now))).join('\n');
        const result = await runInProcess(tx, [files.write(text, 'ndjson')]);
        expect([0, 1]).toContain(result.code);
        const { read, inserted, replaced, unchanged, rejected } = result.counts;
        expect(read).toBe(rows.length);
        expect(inserted! + replaced! + unchanged! + rejected!).toBe(read);
        const refused = rows.filter((r) => r.expected.refused).length;
        expect(rejected).toBeGreaterThanOrEqual(refused);
        for (const line of result.err.split('\n')) expect(printable(line)).toBe(line);
      });
    }),
  );
});
