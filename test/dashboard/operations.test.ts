import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/metrics/metrics.ts';
import { createIsobarApp } from '../../src/runtime/isobar-app.ts';
import { drivers } from '../support/databases.ts';
import { FIXTURE_NOW, useTestOrigin } from '../support/fixture.ts';
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
        '<span class="nowrap">2026-11-22T10:00:00Z</span> (observations)',
        '15 min',
        '2026-11-22T10:15:00Z',
      ]);
    },
  );
});

describe('the operations page over the last hours', () => {
  const origin = useTestOrigin(drivers[0]!);

  it('draws requests, hit ratio, provider outcomes and lag from its readings, and warns while a provider fails', async () => {
    let clock = FIXTURE_NOW;
    const metrics = createMetrics();
    const app = createIsobarApp({
      db: origin().t.db,
      metrics,
      now: () => clock,
      log: { error: () => {} },
      client: { socketAddress: () => '127.0.0.1' },
      dashboard: { sampleEveryMs: 0 },
    });
    const page = async () => (await app.request('/dashboard/operations')).text();
    const label = (html: string, id: string) =>
      new RegExp(`<figure class="series" id="${id}">.*?aria-label="([^"]*)"`, 's').exec(html)?.[1];

    // One reading: no interval yet, said so.
    expect(await page()).toContain('Not enough readings yet');
    for (let i = 0; i < 4; i++) expect((await app.request('/GB/London.json')).status).toBe(200);
    metrics.providerRequests.inc({ provider: 'open-meteo', outcome: 'ok' }, 3);
    clock += 60_000;
    await page();
    metrics.providerRequests.inc({ provider: 'open-meteo', outcome: 'timeout' }, 2);
    clock += 60_000;
    const failing = await page();
    expect(label(failing, 'requests-series')).toMatch(
      /^Requests a minute from 10:16 to 10:17 UTC: Requests: latest \d/,
    );
    expect(label(failing, 'hit-ratio-series')).toMatch(/Hit ratio: latest \d+ %/);
    expect(label(failing, 'providers-series')).toContain(
      'Answered (solid): latest 0, highest 3; Failed (dashed): latest 2',
    );
    expect(failing).toMatch(/<polyline class="line l1" points="[\d.]+,[\d.]+ [\d.]+,[\d.]+"/);
    expect(failing).toMatch(
      /<div class="warning" id="provider-warning" role="alert">.*open-meteo answered none of its latest requests \(timeout 2 since the start\)/s,
    );
    expect(failing).toContain('<th scope="row">open-meteo</th><td>⚠ failing</td>');

    // It answers again: the warning goes.
    metrics.providerRequests.inc({ provider: 'open-meteo', outcome: 'ok' });
    clock += 60_000;
    const recovered = await page();
    expect(recovered).not.toContain('provider-warning');
    expect(recovered).toContain('<th scope="row">open-meteo</th><td>answering</td>');
  });
});
