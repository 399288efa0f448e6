import { describe, expect, it } from 'vitest';
import { drivers } from '../support/databases.ts';
import { issueToken } from '../support/tokens.ts';
import { useWriteOrigin } from '../support/write-origin.ts';

/** An observation by `ops-station`; the fixture clock is 2026-11-22T10:15Z. */
const obs = (at: string, fields: Record<string, unknown> = {}) => ({
  place: 'GB/Greenwich',
  source: 'ops-station',
  observed_at: `2026-11-22T${at}:00Z`,
  condition: 'cloudy',
  temperature_c: 7,
  ...fields,
});

/** The cells of a source's row in the ingestion table, as text. */
function ingestionRow(page: string, source: string): string[] {
  const table = /<table id="ingestion-table">(.*?)<\/table>/s.exec(page)?.[1] ?? '';
  const row = new RegExp(`<tr><th scope="row">${source}</th>(.*?)</tr>`, 's').exec(table)?.[1];
  return [...(row ?? '').matchAll(/<td>(.*?)<\/td>/gs)].map((m) => m[1]!);
}

describe.each(drivers)('the operations page on $name', (driver) => {
  const origin = useWriteOrigin(driver);

  it.skipIf(driver.skip)(
    "shows a source's rows, lag and errors after writes through the write API",
    async () => {
      const token = await issueToken(origin().t.db, 'write');
      const post = (rows: unknown[]) => origin().post('/v1/observations', rows, { token });
      expect((await post([obs('09:00'), obs('10:00')])).status).toBe(200);
      expect((await post([obs('10:00')])).status).toBe(200);
      expect((await post([obs('08:00'), obs('07:00', { temperature_c: 'warm' })])).status).toBe(
        422,
      );

      const res = await origin().get('/dashboard/operations');
      expect(res.status).toBe(200);
      const page = await res.text();
      expect(page).toContain('at 2026-11-22T10:15:00Z');
      expect(page).toContain('<code>isobar import</code> runs in its own process');
      expect(ingestionRow(page, 'ops-station')).toEqual([
        '2 (1 unchanged)',
        '2 rows rejected; invalid_rows 1',
        '2026-11-22T10:00:00Z (observations)',
        '15 min',
        '2026-11-22T10:15:00Z',
      ]);
    },
  );
});
