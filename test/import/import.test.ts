import { describe, expect, it } from 'vitest';
import { drivers } from '../support/databases.ts';
import {
  countRows,
  type FileRow,
  forecastRows,
  IMPORT_PLACES,
  observationRows,
  recordingPurger,
  runInProcess as run,
  toCsv,
  toNdjson,
  useImportDatabase,
  useTempFiles,
} from '../support/import-files.ts';

const files = useTempFiles();
const file = files.write;

describe.each(drivers)('isobar import on $name', (driver) => {
  const inTx = useImportDatabase(driver);
  const test = it.skipIf(driver.skip);

  test(
    'imports a CSV file of observations in batches; a rerun is unchanged, a changed value replaced',
    inTx(async (tx) => {
      const rows = observationRows(IMPORT_PLACES, 30); // 120 rows
      const path = file(toCsv(rows), 'csv');
      const purger = recordingPurger();
      const first = await run(tx, [path, '--batch', '50'], { purger });
      expect(first.code).toBe(0);
      expect(first.counts).toEqual({
        read: 120,
        inserted: 120,
        replaced: 0,
        unchanged: 0,
        rejected: 0,
      });
      expect(first.out).toMatch(/^imported .*f\d+\.csv \(csv, observations\)$/m);
      expect(first.out).toMatch(/^ {2}rows\/s +\d+$/m);
      expect(first.out).toMatch(/^ {2}peak RSS +\d+ MiB$/m);
      expect(await countRows(tx, 'observations')).toBe(120);
      // Every committed batch that changed something was purged: all four places, their days.
      expect(new Set(purger.calls.flatMap((c) => c.places))).toEqual(new Set(IMPORT_PLACES));
      expect(purger.calls.flatMap((c) => c.days).length).toBeGreaterThan(0);
      // Never a line per row: at most the one status line after the first batch.
      expect(first.err.split('\n').filter(Boolean).length).toBeLessThanOrEqual(1);

      const again = recordingPurger();
      const second = await run(tx, [path, '--batch', '50'], { purger: again });
      expect(second.counts).toEqual({
        read: 120,
        inserted: 0,
        replaced: 0,
        unchanged: 120,
        rejected: 0,
      });
      expect(again.calls).toEqual([]);

      const changed = rows.map((r, i) => (i === 77 ? { ...r, temperature_c: 33.5 } : r));
      const third = await run(tx, [file(toCsv(changed), 'csv'), '--batch', '50']);
      expect(third.counts).toEqual({
        read: 120,
        inserted: 0,
        replaced: 1,
        unchanged: 119,
        rejected: 0,
      });
      expect(await countRows(tx, 'observations')).toBe(120);
    }),
  );

  test(
    'imports NDJSON forecasts from standard input, telling the kind by valid_at',
    inTx(async (tx) => {
      const rows = forecastRows(IMPORT_PLACES.slice(0, 2), 24); // 48 rows
      const first = await run(tx, ['-', '--format', 'ndjson', '--batch', '10'], {
        stdin: toNdjson(rows),
      });
      expect(first.code).toBe(0);
      expect(first.out).toMatch(/^imported standard input \(ndjson, forecasts\)$/m);
      expect(first.counts).toEqual({
        read: 48,
        inserted: 48,
        replaced: 0,
        unchanged: 0,
        rejected: 0,
      });
      expect(await countRows(tx, 'forecast_hours')).toBe(48);

      const path = file(toNdjson(rows), 'ndjson');
      const second = await run(tx, [path]);
      expect(second.counts).toEqual({
        read: 48,
        inserted: 0,
        replaced: 0,
        unchanged: 48,
        rejected: 0,
      });
      const changed = rows.map((r, i) => (i < 3 ? { ...r, humidity_pct: 99.5 } : r));
      const third = await run(tx, [file(toNdjson(changed), 'jsonl')]);
      expect(third.counts).toEqual({
        read: 48,
        inserted: 0,
        replaced: 3,
        unchanged: 45,
        rejected: 0,
      });
    }),
  );

  test(
    'reports bad rows by line with their reasons, stores the good ones and exits 1',
    inTx(async (tx) => {
      const [london0, paris0, london1] = observationRows(['GB/London', 'FR/Paris'], 2) as [
        FileRow,
        FileRow,
        FileRow,
      ];
      const lines = [
        JSON.stringify(london0),
        JSON.stringify({ ...london0, place: 'ZZ/Nowhere' }),
        JSON.stringify({ ...paris0, observed_at: '2025-13-01 10:00' }),
        JSON.stringify({ ...paris0, temperature_c: 80 }),
        JSON.stringify({ ...paris0, temperature_c: undefined, temperature_k: 290 }),
        JSON.stringify(paris0),
        JSON.stringify({ ...london0, temperature_c: 1 }),
        '{"place": "GB/London",',
        '',
        JSON.stringify(london1),
      ];
      const result = await run(tx, [file(`${lines.join('\n')}\n`, 'ndjson')]);
      expect(result.code).toBe(1);
      expect(result.counts).toEqual({
        read: 9,
        inserted: 3,
        replaced: 0,
        unchanged: 0,
        rejected: 6,
      });
      const reported = result.err.split('\n').filter((l) => l.startsWith('line '));
      // By line: a line that is not JSON is reported as read, the others once their batch is.
      const byLine = (l: string) => Number(/^line (\d+)/.exec(l)![1]);
      expect(reported.sort((a, b) => byLine(a) - byLine(b))).toEqual([
        'line 2: place no place "ZZ/Nowhere" is known',
        expect.stringMatching(/^line 3: observed_at must be an ISO 8601 time with a zone/),
        expect.stringMatching(/^line 4: temperature_c 80 is outside what is physically possible/),
        'line 5: temperature_k is not a unit isobar takes for temperature: write temperature_c or temperature_f',
        'line 7: observed_at repeats the place, source and time of line 1',
        expect.stringMatching(/^line 8: the line is not valid JSON/),
      ]);
      const stored = await countRows(tx, 'observations');
      expect(stored).toBe(3);
    }),
  );

  test(
    'refuses NDJSON lines that are not objects, even before the kind is known',
    inTx(async (tx) => {
      const rows = observationRows(['GB/London'], 2);
      const text = `[1, 2]\n"text"\n${toNdjson(rows)}`;
      const result = await run(tx, [file(text, 'ndjson')]);
      expect(result.code).toBe(1);
      expect(result.counts).toEqual({
        read: 4,
        inserted: 2,
        replaced: 0,
        unchanged: 0,
        rejected: 2,
      });
      expect(result.err).toContain('line 1: must be an object of fields');
      expect(result.err).toContain('line 2: must be an object of fields');
    }),
  );

  test(
    'reports a CSV line of the wrong shape, and lists only the first 50 bad rows',
    inTx(async (tx) => {
      const rows = observationRows(['GB/London'], 60);
      const good = toCsv(rows).split('\n');
      good.splice(3, 0, 'GB/London,station,2025-01-01T00:00:00Z');
      const shape = await run(tx, [file(good.join('\n'), 'csv')]);
      expect(shape.code).toBe(1);
      expect(shape.err).toContain('line 4: the line has 3 cells where the header has 6');
      expect(shape.counts).toMatchObject({ read: 61, inserted: 60, rejected: 1 });

      const bad = rows.map((r) => ({ ...r, source: 'Not A Source' }));
      const many = await run(tx, [file(toCsv(bad), 'csv')]);
      expect(many.counts).toMatchObject({ read: 60, rejected: 60 });
      expect(many.err.split('\n').filter((l) => l.startsWith('line ')).length).toBe(50);
      expect(many.err).toContain('… and 10 more rejected rows, not listed');
    }),
  );

  test(
    '--dry-run counts what would be written and stores nothing',
    inTx(async (tx) => {
      const purger = recordingPurger();
      const rows = observationRows(IMPORT_PLACES, 10);
      rows.push({ ...rows[0]!, place: 'ZZ/Nowhere', observed_at: '2024-01-01T00:00:00Z' });
      const result = await run(tx, [file(toCsv(rows), 'csv'), '--dry-run', '--batch', '7'], {
        purger,
      });
      expect(result.code).toBe(1);
      expect(result.out).toMatch(/^dry run of .*: nothing was stored$/m);
      expect(result.counts).toEqual({
        read: 41,
        inserted: 40,
        replaced: 0,
        unchanged: 0,
        rejected: 1,
      });
      expect(await countRows(tx, 'observations')).toBe(0);
      expect(await countRows(tx, 'daily_summaries')).toBe(0);
      expect(purger.calls).toEqual([]);
    }),
  );

  test(
    'fits a file to the row fields with --place, --source, --rename and --ignore',
    inTx(async (tx) => {
      const csv = 'when,t,notes\n2025-03-01T10:00:00Z,12.5,ok\n2025-03-01T11:00:00Z,13,ok\n';
      const args = [file(csv, 'csv'), '--kind', 'observations', '--place', 'FR/Paris'];
      const missing = await run(tx, args);
      expect(missing.code).toBe(1);
      expect(missing.err).toMatch(/line 2: .*source is required/);

      const fitted = [...args, '--source', 'meteo', '--rename', 'when=observed_at,t=temperature_c'];
      const noCondition = await run(tx, [...fitted, '--ignore', 'notes']);
      expect(noCondition.err).toContain('line 2: condition is required');
      const ok = await run(tx, [
        file(csv.replace('notes', 'condition').replaceAll(',ok', ',clear'), 'csv'),
        ...fitted.slice(1),
      ]);
      expect(ok.counts).toEqual({ read: 2, inserted: 2, replaced: 0, unchanged: 0, rejected: 0 });
      // A renamed column's problems name it as the file does.
      const hot = await run(tx, [
        file(
          csv.replace('12.5', '99').replace('notes', 'condition').replaceAll(',ok', ',sun'),
          'csv',
        ),
        ...fitted.slice(1),
      ]);
      expect(hot.err).toMatch(/^line 2: t \(as temperature_c\) 99 is outside/m);
    }),
  );

  test(
    'takes --place and --source alone for a file whose columns need no renaming',
    inTx(async (tx) => {
      const csv = 'observed_at,temperature_c,condition\n2025-03-01T10:00:00Z,12.5,clear\n';
      const ok = await run(tx, [file(csv, 'csv'), '--place', 'FR/Paris', '--source', 'meteo']);
      expect(ok.code).toBe(0);
      expect(ok.counts).toEqual({ read: 1, inserted: 1, replaced: 0, unchanged: 0, rejected: 0 });
    }),
  );

  test(
    'stops with status 2 when the options do not fit the file',
    inTx(async (tx) => {
      const path = file(toCsv(observationRows(['GB/London'], 2)), 'csv');
      const typo = await run(tx, [path, '--rename', 'temp=temperature_c']);
      expect(typo.code).toBe(2);
      expect(typo.err).toBe(
        'isobar import: the file has no column "temp" (it has place, source, observed_at, temperature_c, humidity_pct, condition)\n',
      );
      const place = await run(tx, [path, '--place', 'FR/Paris']);
      expect(place.code).toBe(2);
      expect(place.err).toMatch(/^isobar import: --place is for files without a place column/);
      const kindless = await run(tx, [file('a,b\n1,2\n', 'csv')]);
      expect(kindless.code).toBe(2);
      expect(kindless.err).toMatch(/^isobar import: cannot tell the kind of rows/);
      expect(await countRows(tx, 'observations')).toBe(0);
    }),
  );

  test(
    'draws a progress bar on a terminal, with bad rows printed above it',
    inTx(async (tx) => {
      const rows = observationRows(['GB/London'], 20);
      rows[5] = { ...rows[5]!, place: 'ZZ/Nowhere' };
      const result = await run(tx, [file(toCsv(rows), 'csv')], { tty: true });
      expect(result.code).toBe(1);
      expect(result.err).toContain('line 7: place no place "ZZ/Nowhere" is known');
      expect(result.err).toMatch(/import [░█]+ 100% \| 20 rows/);
    }),
  );
});
