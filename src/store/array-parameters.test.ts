import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drivers, useMigratedDatabase } from '../../test/support/databases.ts';
import {
  arrayBinary,
  arrayLiteral,
  instantArray,
  numberArray,
  textArray,
  writeArrays,
} from './array-parameters.ts';
import { statement } from './database.ts';

const back = statement(
  'test_array_parameters',
  `SELECT $1::float8[] AS numbers, $2::timestamptz[] AS times, $3::real[] AS reals,
          $4::int[] AS ints, $5::smallint[] AS smallints`,
);
const texts = statement('test_text_array_parameters', `SELECT $1::text[] AS texts`);

describe('array parameters', () => {
  it('are written as the literal Postgres reads: numbers and NULLs, -0 as 0', () => {
    expect(arrayLiteral(numberArray('float8', []))).toBe('{}');
    expect(arrayLiteral(numberArray('float8', [1.5, null, -2, undefined, 1e21, 1e-7, -0]))).toBe(
      '{1.5,NULL,-2,NULL,1e+21,1e-7,0}',
    );
  });

  it('refuse, where they are made, what their element type cannot hold', () => {
    expect(() => numberArray('float8', [Number.NaN])).toThrow('cannot bind the number NaN');
    expect(() => numberArray('float4', [Number.POSITIVE_INFINITY])).toThrow('Infinity');
    expect(() => numberArray('int4', [1.5])).toThrow('cannot bind 1.5 as int4');
    expect(() => numberArray('int4', [2 ** 31])).toThrow('as int4');
    expect(() => numberArray('int2', [40_000])).toThrow('cannot bind 40000 as int2');
    expect(() => numberArray('float4', [1e39])).toThrow('cannot bind 1e+39 as float4');
    // The largest real's text, a little over its exact value, still rounds to it.
    expect(numberArray('float4', [3.4028235e38]).values).toEqual([3.4028235e38]);
    // What underflows a real is bound as the real nearest it: 0.
    expect(numberArray('float4', [1e-50, -1e-50, 1e-40, null]).values).toEqual([0, 0, 1e-40, null]);
    expect(arrayLiteral(numberArray('float4', [1e-50]))).toBe('{0}');
    expect(numberArray('int2', [-(2 ** 15), 2 ** 15 - 1, null]).values).toHaveLength(3);
    expect(() => instantArray([new Date(Number.NaN)])).toThrow('invalid date');
  });

  it('quote text once per run of one value, and write null as NULL', () => {
    expect(arrayLiteral(textArray([]))).toBe('{}');
    expect(
      arrayLiteral(textArray(['open-meteo', 'open-meteo', null, null, 'a"b', 'c\\d', 'NULL'])),
    ).toBe('{"open-meteo","open-meteo",NULL,NULL,"a\\"b","c\\\\d","NULL"}');
  });

  it('write a time repeated from the one before as the same text', () => {
    const t = new Date('2026-12-07T10:00:00Z');
    expect(arrayLiteral(instantArray([t, new Date(t), t]))).toBe(
      '{2026-12-07T10:00:00.000Z,2026-12-07T10:00:00.000Z,2026-12-07T10:00:00.000Z}',
    );
  });

  it("are written in Postgres' binary array format: header, then each element's length and bytes", () => {
    const ints = arrayBinary(numberArray('int4', [7, null]));
    // One dimension, has nulls, int4 (OID 23), two elements from 1; 7 in four bytes; NULL as -1.
    expect([...ints.subarray(0, 20)]).toEqual([
      0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 23, 0, 0, 0, 2, 0, 0, 0, 1,
    ]);
    expect(ints.readInt32BE(20)).toBe(4);
    expect(ints.readInt32BE(24)).toBe(7);
    expect(ints.readInt32BE(28)).toBe(-1);
    expect(ints.length).toBe(32);
    // A time: microseconds since 2000-01-01 UTC; a second after, and a day before.
    const times = arrayBinary(
      instantArray([new Date('2000-01-01T00:00:01Z'), new Date('1999-12-31T00:00:00Z')]),
    );
    expect(times.readInt32BE(8)).toBe(1184);
    expect(times.readBigInt64BE(24)).toBe(1_000_000n);
    expect(times.readBigInt64BE(36)).toBe(-86_400_000_000n);
    const words = arrayBinary(textArray(['°C', '°C']));
    expect(words.readInt32BE(20)).toBe(3);
    expect(words.subarray(24, 27).toString()).toBe('°C');
    expect(writeArrays([1, textArray(['a'])], arrayLiteral)).toEqual([1, '{"a"}']);
  });

  // Postgres gets them in binary (node-postgres), PGlite as literals: both must give back
  // exactly what was bound.
  describe.each(drivers)('read back on $name', (driver) => {
    const t = useMigratedDatabase(driver);
    it.skipIf(driver.skip)('gives every number, null and time back as bound', async () => {
      const integer = (bits: number) =>
        fc.option(fc.integer({ min: -(2 ** (bits - 1)), max: 2 ** (bits - 1) - 1 }), {
          nil: null,
        });
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.option(fc.double({ noNaN: true, noDefaultInfinity: true }), { nil: null })),
          fc.array(
            fc.oneof(
              fc.date({
                min: new Date('1800-01-01'),
                max: new Date('2200-01-01'),
                noInvalidDate: true,
              }),
              // Past where microseconds stay exact in a double (about 285 years from 2000).
              fc.date({
                min: new Date('0100-01-01'),
                max: new Date('9999-12-31'),
                noInvalidDate: true,
              }),
            ),
          ),
          fc.array(
            fc.option(
              fc.oneof(
                fc.float({ noNaN: true, noDefaultInfinity: true }),
                fc.constantFrom(1e-50, -1e-46, 3.4028235e38),
              ),
              { nil: null },
            ),
          ),
          fc.array(integer(32)),
          fc.array(integer(16)),
          async (numbers, dates, floats, ints, smallints) => {
            const row = await t().db.one<{
              numbers: (number | null)[];
              times: Date[];
              reals: (number | null)[];
              ints: (number | null)[];
              smallints: (number | null)[];
            }>(back, [
              numberArray('float8', numbers),
              instantArray(dates),
              numberArray('float4', floats),
              numberArray('int4', ints),
              numberArray('int2', smallints),
            ]);
            // -0 is bound as 0 (as String writes it).
            const noMinusZero = (xs: (number | null)[]) => xs.map((n) => (n === 0 ? 0 : n));
            expect(noMinusZero(row!.numbers)).toEqual(noMinusZero(numbers));
            expect(row!.times).toEqual(dates);
            // A real comes back as its shortest decimal, read as a double: the same float.
            // And what underflows a real comes back as 0.
            const asFloat = row!.reals.map((n) => (n === null ? null : Math.fround(n)));
            expect(noMinusZero(asFloat)).toEqual(
              noMinusZero(floats.map((n) => (n === null ? null : Math.fround(n)))),
            );
            expect(row!.ints).toEqual(ints);
            expect(row!.smallints).toEqual(smallints);
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
