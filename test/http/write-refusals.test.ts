import { describe, expect, it } from 'vitest';
import { drivers } from '../support/databases.ts';
import { json } from '../support/fixture.ts';
import { storedObservations } from '../support/stored-rows.ts';
import { issueToken } from '../support/tokens.ts';
import { useWriteOrigin } from '../support/write-origin.ts';

/** An observation the fixture clock (2026-11-22T10:15Z) takes, with fields of a test's own. */
const obs = (fields: Record<string, unknown> = {}) => ({
  place: 'GB/London',
  source: 'refusals',
  observed_at: '2026-11-22T09:00:00Z',
  condition: 'clear',
  temperature_c: 4,
  ...fields,
});

// Rows a store could not hold, or would hold moved: each a 422 naming the row and field, never
// a 500 for the batch, and nothing written.
describe.each(drivers)('rows the write API refuses on $name', (driver) => {
  const origin = useWriteOrigin(driver);
  const it_ = it.skipIf(driver.skip);

  const refused = async (row: Record<string, unknown>) => {
    const token = await issueToken(origin().t.db, 'write');
    const res = await origin().post(
      '/v1/observations',
      [obs({ observed_at: '2026-11-22T08:00:00Z' }), row],
      {
        token,
      },
    );
    expect(res.status, JSON.stringify(row).slice(0, 200)).toBe(422);
    const body = await json(res);
    expect(body).toMatchObject({ code: 'invalid-rows', error_count: 1 });
    expect(body.errors[0].index).toBe(1);
    const stored = await storedObservations(origin().t.db);
    expect(stored.filter((o) => o.source === 'refusals')).toEqual([]);
    return body.errors[0] as { field: string; reason: string };
  };

  it_.each([9999999999, '2147483648', 1e300])(
    'refuses GeoNames id %j as one bad row',
    async (place) => {
      expect(await refused(obs({ place }))).toEqual({
        index: 1,
        field: 'place',
        reason: 'is not a GeoNames id: ids run from 1 to 2147483647',
      });
    },
  );

  it_.each(['2026-02-31T10:00:00Z', '1900-02-29T10:00:00Z', '2026-11-21T24:00:00Z'])(
    'refuses observed_at %s, which is not on the calendar',
    async (observed_at) => {
      expect(await refused(obs({ observed_at }))).toMatchObject({
        field: 'observed_at',
        reason: expect.stringMatching(/^is not a real date and time/),
      });
    },
  );

  it_('refuses a next_update_at past the bound', async () => {
    expect(await refused(obs({ next_update_at: '9999-12-31T00:00:00Z' }))).toMatchObject({
      field: 'next_update_at',
      reason: expect.stringMatching(/^is more than 7 days from now/),
    });
  });

  it_('refuses a row of 130,000 fields with one error', async () => {
    const wide: Record<string, unknown> = obs();
    for (let i = 0; i < 130_000; i++) wide[`x${i}`] = 1;
    expect(await refused(wide)).toEqual({
      index: 1,
      field: '',
      reason: 'has 130005 fields; a row has at most 100',
    });
  });
});
