import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { drivers, useMigratedDatabase } from '../../../test/support/databases.ts';
import { statement } from '../database.ts';
import { epoch } from './place-weather.ts';

// Times from microseconds since 1970 ($1, as text: a bigint each), read with `epoch` and with
// the extract it replaced; the rows where the two differ.
const compared = statement(
  'test_epoch_as_extract',
  `SELECT t::text AS time, ${epoch('t')} AS fast, extract(epoch FROM t)::float8 AS exact
     FROM (SELECT timestamptz 'epoch' + us * interval '1 microsecond' AS t
             FROM unnest($1::bigint[]) AS us
           UNION ALL SELECT NULL) times
    WHERE ${epoch('t')} IS DISTINCT FROM extract(epoch FROM t)::float8`,
);

const US_1800 = -5_364_662_400_000_000;
const US_2200 = 7_258_118_400_000_000;

describe.each(drivers)('epoch seconds on $name', (driver) => {
  const t = useMigratedDatabase(driver);
  it.skipIf(driver.skip)(
    'are what extract gives, to the microsecond, from 1800 to 2200',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.bigInt({ min: BigInt(US_1800), max: BigInt(US_2200) }), { minLength: 1 }),
          async (micros) => {
            const differ = await t().db.all(compared, [`{${micros.join(',')}}`]);
            expect(differ).toEqual([]);
          },
        ),
        { numRuns: 30 },
      );
    },
  );
});
