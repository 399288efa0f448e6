import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drivers, useMigratedDatabase } from '../../test/support/databases.ts';
import { instantArray, numberArray, textArray } from './array-literal.ts';
import { statement } from './database.ts';

const back = statement(
  'test_array_literal',
  `SELECT $1::float8[] AS numbers, $2::timestamptz[] AS times, $3::real[] AS reals`,
);
const texts = statement('test_text_array_literal', `SELECT $1::text[] AS texts`);

describe('array literals', () => {
  it('writes numbers and NULLs as Postgres reads them, and refuses what it cannot', () => {
    expect(numberArray([])).toBe('{}');
    expect(numberArray([1.5, null, -2, undefined, 1e21, 1e-7])).toBe(
      '{1.5,NULL,-2,NULL,1e+21,1e-7}',
    );
    expect(() => numberArray([Number.NaN])).toThrow('cannot bind the number NaN');
    expect(() => numberArray([Number.POSITIVE_INFINITY])).toThrow('Infinity');
  });

  it('quotes text once per run of one value, and writes null as NULL', () => {
    expect(textArray([])).toBe('{}');
    expect(textArray(['open-meteo', 'open-meteo', null, null, 'a"b', 'c\\d'])).toBe(
      '{"open-meteo","open-meteo",NULL,NULL,"a\\"b","c\\\\d"}',
    );
  });

  it('writes a time repeated from the one before as the same text', () => {
    const t = new Date('2026-12-07T10:00:00Z');
    expect(instantArray([t, new Date(t), t])).toBe(
      '{2026-12-07T10:00:00.000Z,2026-12-07T10:00:00.000Z,2026-12-07T10:00:00.000Z}',
    );
  });

  describe.each(drivers)('read back on $name', (driver) => {
    const t = useMigratedDatabase(driver);
    it.skipIf(driver.skip)('gives every number, null and time back as bound', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.option(fc.double({ noNaN: true, noDefaultInfinity: true }), { nil: null })),
          fc.array(
            fc.date({
              min: new Date('1800-01-01'),
              max: new Date('2200-01-01'),
              noInvalidDate: true,
            }),
          ),
          async (numbers, dates) => {
            const row = await t().db.one<{ numbers: (number | null)[]; times: Date[] }>(back, [
              numberArray(numbers),
              instantArray(dates),
              numberArray([1.25, null]),
            ]);
            // -0 is written "0" (as String writes it): compared as 0.
            expect(row!.numbers.map((n) => (Object.is(n, -0) ? 0 : n))).toEqual(
              numbers.map((n) => (Object.is(n, -0) ? 0 : n)),
            );
            expect(row!.times).toEqual(dates);
          },
        ),
        { numRuns: 50 },
      );
    });

    it.skipIf(driver.skip)('gives every text and null back as bound', async () => {
      const edges = ['', 'NULL', 'null', ' a ', '{b,c}', 'd"e', 'f\\g', '°C', 'Zürich', '\\"'];
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.option(fc.oneof(fc.constantFrom(...edges), fc.string()), { nil: null })),
          async (values) => {
            // Postgres text holds no NUL character.
            const bound = values.map((v) => v?.replaceAll('\0', '') ?? null);
            const row = await t().db.one<{ texts: (string | null)[] }>(texts, [textArray(bound)]);
            expect(row!.texts).toEqual(bound);
          },
        ),
        { numRuns: 50 },
      );
    });
  });
});
