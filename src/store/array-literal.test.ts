import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drivers, useMigratedDatabase } from '../../test/support/databases.ts';
import { instantArray, numberArray } from './array-literal.ts';
import { statement } from './database.ts';

const back = statement(
  'test_array_literal',
  `SELECT $1::float8[] AS numbers, $2::timestamptz[] AS times, $3::real[] AS reals`,
);

describe('array literals', () => {
  it('writes numbers and NULLs as Postgres reads them, and refuses what it cannot', () => {
    expect(numberArray([])).toBe('{}');
    expect(numberArray([1.5, null, -2, undefined, 1e21, 1e-7])).toBe(
      '{1.5,NULL,-2,NULL,1e+21,1e-7}',
    );
    expect(() => numberArray([Number.NaN])).toThrow('cannot bind the number NaN');
    expect(() => numberArray([Number.POSITIVE_INFINITY])).toThrow('Infinity');
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
  });
});
