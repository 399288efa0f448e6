import { describe, expect, it } from 'vitest';
import { MAX_LINE_BYTES } from '../../src/ingest/import/ndjson-records.ts';
import { drivers } from '../support/databases.ts';
import {
  countRows,
  observationRows,
  runInProcess as run,
  toCsv,
  toNdjson,
  useImportDatabase,
  useTempFiles,
} from '../support/import-files.ts';

const files = useTempFiles();

/** Control characters, of C0, DEL, C1 and the bidirectional overrides, as a file may hold them. */
const CONTROLS = '\u001b]0;owned\u0007\u001b[2J\r\u009b31m\u202e\u007f';

// Files a hostile or broken source may send: each a line of the report, never a stopped
// import, a lost row or raw control characters on the operator's terminal.
describe.each(drivers)('isobar import of hostile files on $name', (driver) => {
  const inTx = useImportDatabase(driver);
  const test = it.skipIf(driver.skip);

  test(
    'refuses GeoNames ids past 2147483647 as rows of the report and imports the rest',
    inTx(async (tx) => {
      const [a, b, c, d, e] = observationRows(['GB/London'], 5);
      const bad = [
        { ...b, place: 9999999999 },
        { ...c, place: '2147483648' },
        { ...d, place: 1e300 },
      ];
      const text = toNdjson([a, ...bad, e]);
      const result = await run(tx, [files.write(text, 'ndjson')]);
      expect(result.counts).toEqual({
        read: 5,
        inserted: 2,
        replaced: 0,
        unchanged: 0,
        rejected: 3,
      });
      for (const line of [2, 3, 4]) {
        expect(result.err).toContain(
          `line ${line}: place is not a GeoNames id: ids run from 1 to 2147483647`,
        );
      }
      expect(await countRows(tx, 'observations')).toBe(2);
    }),
  );

  test(
    'counts a CSV line of 3 MiB as one rejected row and keeps the row after it',
    inTx(async (tx) => {
      const rows = observationRows(['GB/London'], 3);
      const [header, first, second, third] = toCsv(rows).trimEnd().split('\n');
      const long = `GB/London,station,${'9'.repeat(3 * MAX_LINE_BYTES)},clear,1,2`;
      const text = [header, first, long, second, third].join('\n');
      const result = await run(tx, [files.write(text, 'csv')]);
      expect(result.counts).toEqual({
        read: 4,
        inserted: 3,
        replaced: 0,
        unchanged: 0,
        rejected: 1,
      });
      expect(result.err).toContain(`line 3: the line is longer than ${MAX_LINE_BYTES} bytes`);
      expect(await countRows(tx, 'observations')).toBe(3);
    }),
  );

  test(
    'writes control characters from the file escaped in every message',
    inTx(async (tx) => {
      const [row] = observationRows(['GB/London'], 1);
      const ndjson = files.write(toNdjson([{ ...row, [`x${CONTROLS}`]: 1 }]), 'ndjson');
      const csv = files.write(toCsv([{ ...row!, [`y${CONTROLS}`]: 1 }]), 'csv');
      const results = [
        await run(tx, [ndjson]),
        await run(tx, [files.write(`{"a":1,${CONTROLS}}\n`, 'ndjson')]),
        await run(tx, [csv, '--ignore', `z${CONTROLS}`]),
      ];
      for (const { err } of results) {
        // biome-ignore lint/suspicious/noControlCharactersInRegex: none may reach the terminal.
        expect(err).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
      }
      expect(results[0]!.err).toContain(
        'line 1: x\\x1b]0;owned\\x07\\x1b[2J\\r\\x9b31m\\u202e\\x7f is not a field',
      );
      expect(results[2]!.err).toContain('the file has no column "z\\x1b]0;owned');
    }),
  );
});
